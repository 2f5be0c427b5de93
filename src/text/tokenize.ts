/**
 * Dutch tokenizer and sentence splitter, shaped after the CoNLL-2002 Dutch tokenization that the
 * named-entity tagger was trained on: punctuation is split from words, names stay whole.
 */

export interface Token {
  text: string;
  /** UTF-16 offsets into the original text: text === original.slice(start, end). */
  start: number;
  end: number;
}

// Trailing punctuation is far more often the sentence's than the URL's, so a URL may not end in it.
const LINK = String.raw`(?:[Hh]ttps?:\/\/|[Ww]ww\.)[^\s<>"“”‘’«»]*[^\s<>"“”‘’«».,;:!?'’()\[\]]`;
const EMAIL = String.raw`[\p{L}\p{N}][\p{L}\p{N}._%+\-]*@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+`;
// Bare domains are usually news outlets ("NU.nl"), which the tagger should see as one name.
// The top-level domain must be lower case so that "einde.De" is not taken for a domain.
const DOMAIN = String.raw`(?:[\p{L}\p{N}][\p{L}\p{N}\-]*\.)+(?:nl|be|com|org|net|eu|info)(?![\p{L}\p{N}])`;
const HANDLE = String.raw`[#@][\p{L}\p{N}_]+`;
// 's, 't and 'n before a word are clitics of their own ('s avonds), but 's-Hertogenbosch is a name.
const CLITIC = String.raw`['’](?:[sS]-\p{Lu}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*|[sStTnN](?![\p{L}\p{M}\p{N}]))`;
// Dotted single letters are abbreviations (o.a., i.p.v.) or initials (J.F.); v.Chr. is the odd one out.
const DOTTED = String.raw`[vVnN]\.Chr\.|\p{L}\p{M}*\.(?:\p{L}\p{M}*\.)+`;
// The soft hyphen (U+00AD) is invisible in print, so it must not cut a word in two.
const WORD = String.raw`\p{L}[\p{L}\p{M}\p{N}\u00AD]*(?:['’]\p{L}[\p{L}\p{M}\p{N}\u00AD]*)*`;
// Thousands separators, decimals and times (14.05) keep a number whole; a letter suffix keeps ordinals (21ste) whole.
const NUMBER = String.raw`\p{Nd}+(?:[.,:]\p{Nd}+)*[\p{L}\p{M}]*`;
const COMPOUND = String.raw`(?:${WORD}|${NUMBER})(?:[\-\u2010\u2011](?:${WORD}|${NUMBER}))*`;
// Anything else is one character, save that dots run together into an ellipsis; combining marks stay with their
// character and invisible format characters (zero-width space, byte order mark) are skipped like white space.
const OTHER = String.raw`\.{2,}|[^\s\p{Cf}]\p{M}*`;

/**
 * Only compounds (group 1) need a second look: they may be the start of an e-mail address or domain, take an
 * abbreviation's dot or be split at a hyphen. Trying addresses only after a compound that ends in one of their
 * joiners, rather than at every word, doubles the speed.
 */
const TOKEN = new RegExp(`${LINK}|${HANDLE}|${CLITIC}|${DOTTED}|(${COMPOUND})|${OTHER}`, 'gu');
const ADDRESS = new RegExp(`${EMAIL}|${DOMAIN}`, 'uy');
const ADDRESS_JOINERS = '@._%+';

/**
 * A capitalized name joined to a lower-case common word ("CDA-leider", "Huis-woordvoerster") is split so the
 * tagger sees the name; the lazy head finds the first such hyphen. A one-letter head is a shape, not a name
 * ("T-shirt"), and the rest must be at least three letters so that "Noord-Holland" or "X-as" stay whole.
 */
const NAME_HYPHEN = /^(\p{Lu}[^]+?)[\-\u2010\u2011]\p{Ll}[\p{Ll}\p{M}]{2,}(?=[\-\u2010\u2011]|$)/u;

/** Prefixes that are only capitalized because they open a sentence ("Oud-premier Rutte"): not names. */
const PREFIXES = new Set(['oud', 'ex', 'vice', 'anti', 'pro', 'niet', 'semi', 'co', 'mede', 'neo', 'post', 'pre', 'non']);

const ABBREVIATIONS = new Set([
  'dhr', 'mr', 'mevr', 'dr', 'prof', 'ir', 'drs', 'ing', 'bv', 'bijv', 'enz', 'etc', 'ca', 'nl', 'resp', 'jl', 'vs',
  'st', 'nr', 'blz', 'p', 'jan', 'feb', 'mrt', 'apr', 'aug', 'sept', 'okt', 'nov', 'dec',
]);

const INITIAL = /^\p{Lu}\p{M}*$/u;
const DOT = 0x2e;

/** Splits text into words, numbers and punctuation marks in one pass. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const compound = match[1];
    if (compound === undefined) tokens.push(token(match[0], match.index));
    else TOKEN.lastIndex = pushCompound(tokens, text, compound, match.index);
  }
  return tokens;
}

function token(text: string, start: number): Token {
  return { text, start, end: start + text.length };
}

/** Pushes a word or number, possibly grown into an address or abbreviation, or split at a hyphen; returns where the scan resumes. */
function pushCompound(tokens: Token[], text: string, compound: string, start: number): number {
  const end = start + compound.length;
  const address = addressAt(text, start, end);
  if (address !== undefined) {
    tokens.push(token(address, start));
    return start + address.length;
  }
  if (text.charCodeAt(end) === DOT && isAbbreviation(compound)) {
    tokens.push(token(text.slice(start, end + 1), start));
    return end + 1;
  }
  const head = nameHead(compound);
  if (head === undefined) {
    tokens.push(token(compound, start));
  } else {
    const hyphen = start + head.length;
    tokens.push(token(head, start), token(compound.charAt(head.length), hyphen), token(compound.slice(head.length + 1), hyphen + 1));
  }
  return end;
}

/** No e-mail address or domain name is longer; looking no further keeps long runs without spaces linear. */
const LONGEST_ADDRESS = 256;

function addressAt(text: string, start: number, end: number): string | undefined {
  if (!ADDRESS_JOINERS.includes(text.charAt(end))) return undefined;
  ADDRESS.lastIndex = 0;
  return ADDRESS.exec(text.slice(start, start + LONGEST_ADDRESS))?.[0];
}

/** The name before the hyphen where a compound should be split, if any. */
function nameHead(compound: string): string | undefined {
  const head = NAME_HYPHEN.exec(compound)?.[1];
  return head === undefined || PREFIXES.has(head.toLowerCase()) ? undefined : head;
}

function isAbbreviation(word: string): boolean {
  if (INITIAL.test(word)) return true;
  const lower = word.toLowerCase();
  if (!ABBREVIATIONS.has(lower)) return false;
  // All capitals make an acronym such as VS (Verenigde Staten) or NL, which may well end a sentence;
  // "Jan." is far more often the first name than January.
  return word !== word.toUpperCase() && !(lower === 'jan' && word !== lower);
}

const QUOTES = `"'“”„‘’‚«»‹›`;
const OPENS_SENTENCE = new RegExp(String.raw`^[\p{Lu}\p{Lt}\p{Nd}\p{Sc}${QUOTES}(\[]`, 'u');
const CLOSERS = new Set([...QUOTES, ')', ']']);

/** Tokens grouped into sentences, in order; every token of tokenize(text) appears in exactly one sentence. */
export function sentences(text: string): Token[][] {
  const tokens = tokenize(text);
  const result: Token[][] = [];
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    const ended = isEndMark(tokens[i]!.text);
    if (ended) i = lastCloser(tokens, i);
    const next = tokens[i + 1];
    if (next === undefined || endsBefore(text, tokens[i]!, next, ended)) {
      result.push(tokens.slice(first, i + 1));
      first = i + 1;
    }
  }
  return result;
}

function isEndMark(text: string): boolean {
  const first = text.charAt(0);
  return first === '.' || first === '!' || first === '?' || first === '…';
}

/** A closing quote or bracket right after an end mark belongs to the sentence it ends. */
function lastCloser(tokens: readonly Token[], mark: number): number {
  let last = mark;
  while (isAdjacentCloser(tokens[last]!, tokens[last + 1])) last++;
  return last;
}

function isAdjacentCloser(previous: Token, next: Token | undefined): boolean {
  return next !== undefined && next.start === previous.end && CLOSERS.has(next.text);
}

/**
 * A line break always ends a sentence (paragraphs, subheadings); an end mark does so only when white space and
 * something that can open a sentence follow, so that "de heer. die" or "Wat nu? vroeg hij" run on.
 */
function endsBefore(text: string, current: Token, next: Token, ended: boolean): boolean {
  if (hasLineBreak(text, current.end, next.start)) return true;
  return ended && next.start > current.end && OPENS_SENTENCE.test(next.text);
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}
