import { type EntityExtractor, type EntityType, type Mention } from './entity.ts';
import { isKnownPlace } from './gazetteer.ts';
import { linkShortForms } from './link.ts';
import { FUNCTION_WORDS, NAME_PARTICLES, ORGANISATION_WORDS, PERSON_TITLES, PLACE_PREPOSITIONS } from './lexicon.ts';
import { isCapitalized, type Token, tokenize } from './tokens.ts';

/** A run of capitalized words that may name something; `first`/`last` index into the tokens. */
interface Span {
  first: number;
  last: number;
  text: string;
  words: string[];
  titled: boolean;
  type?: EntityType;
}

const lower = (word: string) => word.toLowerCase();
const isUpperWord = (word: string) => word.length >= 2 && word === word.toUpperCase() && /\p{L}/u.test(word);
/** Dutch adjectives of nationality: Amerikaanse, Russische, Oekraïense, Chinese. */
const isNationalityAdjective = (word: string) => /^\p{Lu}\p{Ll}{2,}[^aiou\s]s(ch)?e$/u.test(word);

function capitalizedWord(token: Token | undefined): boolean {
  return token !== undefined && token.isWord && isCapitalized(token.text);
}

function sameLine(text: string, a: Token, b: Token): boolean {
  return !text.slice(a.end, b.start).includes('\n');
}

/** Extends a name from token `i` over further capitalized words, inner hyphens and particles. */
function spanEnd(text: string, tokens: Token[], i: number): number {
  let j = i;
  for (;;) {
    const next = tokens[j + 1];
    if (next === undefined || !sameLine(text, tokens[j]!, next)) return j;
    const afterNext = tokens[j + 2];
    if (capitalizedWord(next)) {
      j += 1;
    } else if (next?.text === '-' && next.start === tokens[j]!.end && capitalizedWord(afterNext) && afterNext!.start === next.end) {
      j += 2;
    } else if (next?.isWord && NAME_PARTICLES.has(next.text)) {
      let k = j + 1;
      while (tokens[k]?.isWord && NAME_PARTICLES.has(tokens[k]!.text)) k++;
      if (!capitalizedWord(tokens[k])) return j;
      j = k;
    } else {
      return j;
    }
  }
}

function makeSpan(text: string, tokens: Token[], first: number, last: number, titled: boolean): Span {
  const words = tokens.slice(first, last + 1).filter((t) => t.isWord).map((t) => t.text);
  return { first, last, text: text.slice(tokens[first]!.start, tokens[last]!.end), words, titled };
}

/** Drops leading function words and titles ("De Amerikaanse", "President Poetin"). */
function trimLeading(text: string, tokens: Token[], first: number, last: number): Span | undefined {
  let titled = false;
  let i = first;
  while (i <= last) {
    const word = lower(tokens[i]!.text);
    if (PERSON_TITLES.has(word)) titled = true;
    else if (!FUNCTION_WORDS.has(word) && isCapitalized(tokens[i]!.text)) break;
    i++;
  }
  return i > last ? undefined : makeSpan(text, tokens, i, last, titled);
}

/** "het Zwitserse Genève": the adjective is a name of its own, unless the whole is an organisation. */
function splitLeadingAdjective(text: string, tokens: Token[], span: Span): Span[] {
  const [firstWord] = span.words;
  if (span.words.length < 2 || !firstWord || !isNationalityAdjective(firstWord) || hasOrganisationWord(span)) {
    return [span];
  }
  return [makeSpan(text, tokens, span.first, span.first, false), makeSpan(text, tokens, span.first + 1, span.last, false)];
}

/** "Buitenlandse Zaken Antony Blinken": a name of two or more words after an organisation is its own. */
function splitAfterOrganisation(text: string, tokens: Token[], span: Span): Span[] {
  for (let i = span.first; i < span.last - 1; i++) {
    const rest = tokens.slice(i + 1, span.last + 1);
    if (ORGANISATION_WORDS.has(lower(tokens[i]!.text)) && rest.every((t) => capitalizedWord(t)) && rest.length >= 2) {
      return [makeSpan(text, tokens, span.first, i, span.titled), makeSpan(text, tokens, i + 1, span.last, false)];
    }
  }
  return [span];
}

function hasOrganisationWord(span: Span): boolean {
  return span.words.some((word) => ORGANISATION_WORDS.has(lower(word)));
}

function findSpans(text: string, tokens: Token[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!capitalizedWord(tokens[i])) continue;
    const last = spanEnd(text, tokens, i);
    const span = trimLeading(text, tokens, i, last);
    if (span) spans.push(...splitAfterOrganisation(text, tokens, span).flatMap((part) => splitLeadingAdjective(text, tokens, part)));
    i = last;
  }
  return spans;
}

/** Looks back over articles and adjectives for a place preposition: "in het Zwitserse Genève". */
function hasPlaceCue(tokens: Token[], span: Span): boolean {
  for (let i = span.first - 1; i >= 0 && i >= span.first - 4; i--) {
    const word = tokens[i]!;
    if (!word.isWord) return false;
    if (PLACE_PREPOSITIONS.has(lower(word.text))) return true;
    if (!['het', 'de', 'een'].includes(lower(word.text)) && !isNationalityAdjective(word.text)) return false;
  }
  return false;
}

function hasTitleCue(tokens: Token[], span: Span): boolean {
  const previous = tokens[span.first - 1];
  return span.titled || (previous !== undefined && previous.isWord && PERSON_TITLES.has(lower(previous.text)));
}

/** The type the span's own words and context give, or undefined when they say nothing. */
function classify(tokens: Token[], span: Span): EntityType | undefined {
  const single = span.words.length === 1;
  if (isKnownPlace(span.text)) return 'LOC';
  if (hasOrganisationWord(span)) return 'ORG';
  if (single && isUpperWord(span.text)) return 'ORG';
  if (single && isNationalityAdjective(span.text)) return 'MISC';
  if (hasTitleCue(tokens, span)) return 'PER';
  if (hasPlaceCue(tokens, span)) return 'LOC';
  if (!single) return span.words.some(isUpperWord) ? 'MISC' : 'PER';
  return undefined;
}

/** Sentence-initial words are names only if the article also capitalizes them elsewhere. */
function dropSentenceCapitals(tokens: Token[], spans: Span[]): Span[] {
  const capitalizedInside = new Set(
    tokens.filter((t) => t.isWord && !t.sentenceStart && isCapitalized(t.text)).map((t) => t.text),
  );
  return spans.filter((span) => {
    const opening = tokens[span.first]!;
    return (
      !opening.sentenceStart ||
      span.words.length > 1 ||
      span.titled ||
      isKnownPlace(span.text) ||
      capitalizedInside.has(opening.text)
    );
  });
}

/** "Blinken en Lavrov": names joined by "en" or a comma share a type. */
function coordinatedType(tokens: Token[], spans: Span[], index: number): EntityType | undefined {
  const span = spans[index]!;
  const before = spans[index - 1];
  const after = spans[index + 1];
  const joins = (from: number, to: number) =>
    to - from === 2 && [',', 'en', 'of'].includes(lower(tokens[from + 1]!.text));
  if (before?.type && joins(before.last, span.first)) return before.type;
  if (after?.type && joins(span.last, after.first)) return after.type;
  return undefined;
}

/** The type the article already gave the same words, or the person whose surname they are. */
function rememberedType(spans: Span[]): (span: Span) => EntityType | undefined {
  const known = new Map<string, EntityType>();
  const surnames = new Set<string>();
  for (const span of spans) {
    if (!span.type) continue;
    if (!known.has(span.text)) known.set(span.text, span.type);
    if (span.type === 'PER' && span.words.length > 1) surnames.add(span.words.at(-1)!);
  }
  return (span) => known.get(span.text) ?? (surnames.has(span.text) ? 'PER' : undefined);
}

/** Resolves single words the rules left open from what the rest of the article says about them. */
function resolveFromDocument(tokens: Token[], spans: Span[]): void {
  for (let pass = 0; pass < 3; pass++) {
    const remembered = rememberedType(spans);
    spans.forEach((span, index) => {
      span.type ??= remembered(span) ?? coordinatedType(tokens, spans, index);
    });
  }
}

/**
 * A first, rule-based recognizer: capitalized word runs, typed by Dutch country names, titles,
 * organisation words, place prepositions and what the same article says elsewhere.
 */
export const ruleBasedExtractor: EntityExtractor = {
  version: 'rules-1',
  extract(text: string): Mention[] {
    const tokens = tokenize(text);
    const spans = dropSentenceCapitals(tokens, findSpans(text, tokens));
    for (const span of spans) span.type = classify(tokens, span);
    resolveFromDocument(tokens, spans);
    const mentions = spans.map((span) => ({
      type: span.type ?? 'MISC',
      text: span.text,
      start: tokens[span.first]!.start,
      end: tokens[span.last]!.end,
      name: span.text,
    }));
    return linkShortForms(mentions);
  },
};
