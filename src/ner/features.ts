import { NO_WORD_CLASSES, type WordClasses } from './word-classes.ts';
import { triggerClass } from './trigger-words.ts';

/** Outside knowledge the features consult; each part may be empty. */
export interface Lexicons {
  /** Words that are usually written in lower case: a capitalized one is probably a sentence start. */
  usuallyLowercase: ReadonlySet<string>;
  /** Feature names for gazetteer matches, one list per token (e.g. `LOC-B`, `PER-first`). */
  gazetteer(words: readonly string[]): (readonly string[])[];
  /** Classes learnt from unlabelled text: words used alike share one. */
  wordClasses: WordClasses;
}


/** `Antony` → `Xxxxxx`, `100.000` → `ddd.ddd`; long words are cut so that shapes stay few. */
export function shapeOf(word: string): string {
  let shape = '';
  for (const char of word.length > 12 ? word.slice(0, 6) + word.slice(-6) : word) {
    if (char >= '0' && char <= '9') shape += 'd';
    else if (char.toLowerCase() !== char) shape += 'X';
    else if (char.toUpperCase() !== char) shape += 'x';
    else shape += char;
  }
  return shape;
}

/** `Xxxxxx` → `Xx`: runs of the same class collapsed. */
export function shortShapeOf(shape: string): string {
  let short = '';
  for (const char of shape) if (short.at(-1) !== char) short += char;
  return short;
}

/** Whether the word's character at `i` is a letter that has a lower-case form it is not in. */
export function isCapitalAt(word: string, i: number): boolean {
  const code = word.charCodeAt(i);
  // Most characters are ASCII, where only A to Z are capitals: no string to make.
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return word[i]!.toLowerCase() !== word[i];
}

/** Whether the word starts with a capital. */
export function isCapitalized(word: string): boolean {
  return word !== '' && isCapitalAt(word, 0);
}

/**
 * How the whole document writes its words. A capitalized word the same text also writes in lower
 * case is probably no name; one capitalized inside a sentence probably is.
 */
export interface DocumentContext {
  lowercase: ReadonlySet<string>;
  capitalizedInside: ReadonlySet<string>;
  /** Words the document writes right after a known first name: news introduces people by full name. */
  afterFirstName: ReadonlySet<string>;
}

const isFirstName = (matches: readonly string[] | undefined) => matches?.includes('PER-first-U') ?? false;

/** `gazetteers` holds each sentence's gazetteer matches, which the context features need too. */
export function documentContext(sentences: readonly (readonly string[])[], gazetteers: readonly (readonly (readonly string[])[])[]): DocumentContext {
  const lowercase = new Set<string>();
  const capitalizedInside = new Set<string>();
  const afterFirstName = new Set<string>();
  sentences.forEach((words, s) => {
    const gazetteer = gazetteers[s]!;
    words.forEach((word, i) => {
      if (!isCapitalized(word)) lowercase.add(word);
      else if (i > 0) capitalizedInside.add(word);
      if (i > 0 && isCapitalized(word) && isFirstName(gazetteer[i - 1])) afterFirstName.add(word);
    });
  });
  return { lowercase, capitalizedInside, afterFirstName };
}

/** The roles a word plays in the features of the tokens around it. */
export const ROLES = ['self', 'left1', 'right1', 'left2', 'right2'] as const;
export type Role = (typeof ROLES)[number];
export type RoleFeatures = Record<Role, string[]>;

/** Stands for "before the sentence" and "after the sentence" in neighbour features. */
export const BEFORE = '<s>';
export const AFTER = '</s>';

/**
 * Everything a single word contributes: its own features (the word, its shape, prefixes and
 * suffixes, hyphen parts, word classes, its trigger class) and those it gives the tokens one or two
 * places to its right (as their `left1`/`left2` neighbour) or left. They depend on the word alone,
 * so a tagger can look them up once per distinct word.
 */
export function roleFeatures(word: string, wordClasses: WordClasses = NO_WORD_CLASSES): RoleFeatures {
  const lw = word.toLowerCase();
  const short = word === BEFORE || word === AFTER ? word : shortShapeOf(shapeOf(word));
  const self = ['b', `w=${word}`, `l=${lw}`, `s=${shapeOf(word)}`, `ss=${short}`, `len=${Math.min(word.length, 12)}`];
  for (let n = 1; n <= 4 && n < lw.length; n++) self.push(`p${n}=${lw.slice(0, n)}`, `x${n}=${lw.slice(-n)}`);
  const hyphen = word.indexOf('-');
  if (hyphen > 0 && hyphen < word.length - 1) self.push(`hy0=${lw.slice(0, hyphen)}`, `hy1=${lw.slice(hyphen + 1)}`);
  const classes = wordClasses.of(word);
  self.push(...classes.self);
  const features: RoleFeatures = {
    self,
    left1: [`l-1=${lw}`, `ss-1=${short}`, `w-1=${word}`, `x3-1=${lw.slice(-3)}`, ...classes.left1],
    right1: [`l+1=${lw}`, `ss+1=${short}`, `w+1=${word}`, `x3+1=${lw.slice(-3)}`, ...classes.right1],
    left2: [`l-2=${lw}`],
    right2: [`l+2=${lw}`],
  };
  const trigger = triggerClass(lw);
  if (trigger !== undefined) {
    features.self.push(`tc=${trigger}`);
    features.left1.push(`tc-1=${trigger}`);
    features.left2.push(`tc-2=${trigger}`);
    features.right1.push(`tc+1=${trigger}`);
  }
  return features;
}

/** Where the token playing each role sits, counted from the tagged token. */
export const ROLE_OFFSETS: Readonly<Record<Role, number>> = { self: 0, left1: -1, right1: 1, left2: -2, right2: 2 };

/** Which token plays `role` for token `i` (-1 before the sentence, `length` after it). */
function roleToken(length: number, i: number, role: Role): number {
  const j = i + ROLE_OFFSETS[role];
  return j < 0 ? -1 : j >= length ? length : j;
}

/** What a neighbour feature reads of a token: its lower-case form or its short shape. */
export type Attribute = 'lower' | 'short';

/**
 * A feature joining what it reads of nearby tokens (`offset` from the tagged one; beyond the
 * sentence a token reads as BEFORE or AFTER): `ss3=Xx|x|.` holds the short shapes of the previous,
 * this and the next token.
 */
export interface NeighbourTemplate {
  prefix: string;
  parts: readonly { attribute: Attribute; offset: number }[];
}

export const NEIGHBOUR_TEMPLATES: readonly NeighbourTemplate[] = [
  { prefix: 'l-1l', parts: [{ attribute: 'lower', offset: -1 }, { attribute: 'lower', offset: 0 }] },
  { prefix: 'll+1', parts: [{ attribute: 'lower', offset: 0 }, { attribute: 'lower', offset: 1 }] },
  { prefix: 'ss3', parts: [{ attribute: 'short', offset: -1 }, { attribute: 'short', offset: 0 }, { attribute: 'short', offset: 1 }] },
  { prefix: 'ssl-1', parts: [{ attribute: 'short', offset: -1 }, { attribute: 'lower', offset: 0 }] },
  { prefix: 'l-1ss', parts: [{ attribute: 'lower', offset: -1 }, { attribute: 'short', offset: 0 }] },
  // What encloses the token: `( Groen )`, `minister Blinken zei`.
  { prefix: 'l-1l+1', parts: [{ attribute: 'lower', offset: -1 }, { attribute: 'lower', offset: 1 }] },
  // What follows a name: `Marie Peeters ( Groen )` has `(|Xx|)`.
  { prefix: 'l+1ss+2l+3', parts: [{ attribute: 'lower', offset: 1 }, { attribute: 'short', offset: 2 }, { attribute: 'lower', offset: 3 }] },
];

/** The first token's short shape. */
export const FIRST = 'first';
/** A gazetteer match of the token (`LOC-country-U`), alone and with the token's short shape. */
export const GAZETTEER = 'g';
export const GAZETTEER_SHAPE = 'gss';

/** The name of a feature of a family that joins several values. */
const joinedName = (prefix: string, values: readonly string[]) => `${prefix}=${values.join('|')}`;

/**
 * The feature names of what the lexicons and the rest of the document can say about a capitalized
 * word, inside a sentence and at its start; `documentFlagBits` sets bit b for entry b.
 */
export const DOCUMENT_FLAGS: readonly (readonly [inside: string, atStart: string])[] = [
  ['lc', 'lc0'],
  ['dlc', 'dlc0'],
  ['dcap', 'dcap0'],
  ['dfn', 'dfn'],
];

/** The usually-lower-case flag of `documentFlagBits`: the one that depends on the word alone, so a tagger can keep it per word. */
export function lexiconFlagBit(lower: string, lexicons: Lexicons): number {
  return lexicons.usuallyLowercase.has(lower) ? 1 : 0;
}

/** What the lexicons (`lexiconBit`, from `lexiconFlagBit`) and the rest of the document say about a capitalized word: a bit per DOCUMENT_FLAGS entry. */
export function documentFlagBits(word: string, lower: string, lexiconBit: number, document: DocumentContext): number {
  if (!isCapitalized(word)) return 0;
  let bits = lexiconBit;
  if (document.lowercase.has(lower)) bits |= 2;
  if (document.capitalizedInside.has(word)) bits |= 4;
  if (document.afterFirstName.has(word)) bits |= 8;
  return bits;
}

/** The names of the word's document flags (see `documentFlagBits`). */
export function documentFlags(word: string, lower: string, i: number, lexicons: Lexicons, document: DocumentContext): string[] {
  if (!isCapitalized(word)) return [];
  const bits = documentFlagBits(word, lower, lexiconFlagBit(lower, lexicons), document);
  return DOCUMENT_FLAGS.filter((_, bit) => bits & (1 << bit)).map(([inside, atStart]) => (i === 0 ? atStart : inside));
}

/**
 * The features that need more than one word: word and shape pairs, position, what the lexicons
 * and the rest of the document say about the word, gazetteer matches.
 */
export function contextFeatures(words: readonly string[], gazetteer: readonly (readonly string[])[], lexicons: Lexicons, document: DocumentContext): string[][] {
  const columns: Record<Attribute, string[]> = { lower: words.map((word) => word.toLowerCase()), short: words.map((word) => shortShapeOf(shapeOf(word))) };
  const at = (attribute: Attribute, i: number) => (i < 0 ? BEFORE : i >= words.length ? AFTER : columns[attribute][i]!);
  return words.map((word, i) => {
    const short = columns.short[i]!;
    const features = NEIGHBOUR_TEMPLATES.map(({ prefix, parts }) => joinedName(prefix, parts.map((part) => at(part.attribute, i + part.offset))));
    if (i === 0) features.push(joinedName(FIRST, [short]));
    features.push(...documentFlags(word, columns.lower[i]!, i, lexicons, document));
    for (const match of gazetteer[i]!) features.push(joinedName(GAZETTEER, [match]), joinedName(GAZETTEER_SHAPE, [match, short]));
    return features;
  });
}

/** Every static feature of every token of a sentence, as names (what training counts and learns). */
export function sentenceFeatures(words: readonly string[], gazetteer: readonly (readonly string[])[], lexicons: Lexicons, document: DocumentContext): string[][] {
  const context = contextFeatures(words, gazetteer, lexicons, document);
  const byToken = words.map((word) => roleFeatures(word, lexicons.wordClasses));
  const of = (j: number) => (j < 0 ? BEFORE_FEATURES : j >= words.length ? AFTER_FEATURES : byToken[j]!);
  return words.map((_, i) => [...ROLES.flatMap((role) => of(roleToken(words.length, i, role))[role]), ...context[i]!]);
}

const BEFORE_FEATURES = roleFeatures(BEFORE);
const AFTER_FEATURES = roleFeatures(AFTER);
