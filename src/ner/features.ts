/** Outside knowledge the features consult; each part may be empty. */
export interface Lexicons {
  /** Words that are usually written in lower case: a capitalized one is probably a sentence start. */
  usuallyLowercase: ReadonlySet<string>;
  /** Feature names for gazetteer matches, one list per token (e.g. `LOC-B`, `PER-first`). */
  gazetteer(words: readonly string[]): string[][];
}

export const NO_LEXICONS: Lexicons = { usuallyLowercase: new Set(), gazetteer: (words) => words.map(() => []) };

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

const isCapitalized = (word: string) => word.length > 0 && word[0]!.toLowerCase() !== word[0];

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

export function documentContext(sentences: readonly (readonly string[])[], lexicons: Lexicons): DocumentContext {
  const lowercase = new Set<string>();
  const capitalizedInside = new Set<string>();
  const afterFirstName = new Set<string>();
  for (const words of sentences) {
    const gazetteer = lexicons.gazetteer(words);
    words.forEach((word, i) => {
      if (!isCapitalized(word)) lowercase.add(word);
      else if (i > 0) capitalizedInside.add(word);
      if (i > 0 && isCapitalized(word) && isFirstName(gazetteer[i - 1])) afterFirstName.add(word);
    });
  }
  return { lowercase, capitalizedInside, afterFirstName };
}

/**
 * The static features of every token of a sentence: the word and its neighbours, shapes,
 * prefixes and suffixes, position, word pairs, and what the lexicons say.
 */
export function sentenceFeatures(words: readonly string[], lexicons: Lexicons, document: DocumentContext): string[][] {
  const lower = words.map((word) => word.toLowerCase());
  const shapes = words.map(shapeOf);
  const short = shapes.map(shortShapeOf);
  const gazetteer = lexicons.gazetteer(words);
  const at = (list: readonly string[], i: number) => (i < 0 ? '<s>' : i >= list.length ? '</s>' : list[i]!);
  return words.map((word, i) => {
    const lw = lower[i]!;
    const features = [
      'b',
      `w=${word}`,
      `l=${lw}`,
      `l-1=${at(lower, i - 1)}`,
      `l+1=${at(lower, i + 1)}`,
      `l-2=${at(lower, i - 2)}`,
      `l+2=${at(lower, i + 2)}`,
      `l-1l=${at(lower, i - 1)}|${lw}`,
      `ll+1=${lw}|${at(lower, i + 1)}`,
      `s=${shapes[i]}`,
      `ss=${short[i]}`,
      `ss-1=${at(short, i - 1)}`,
      `ss+1=${at(short, i + 1)}`,
      `ss3=${at(short, i - 1)}|${short[i]}|${at(short, i + 1)}`,
      `ssl-1=${at(short, i - 1)}|${lw}`,
      `l-1ss=${at(lower, i - 1)}|${short[i]}`,
      `w-1=${at(words, i - 1)}`,
      `w+1=${at(words, i + 1)}`,
      `x3-1=${at(lower, i - 1).slice(-3)}`,
      `x3+1=${at(lower, i + 1).slice(-3)}`,
      `len=${Math.min(word.length, 12)}`,
    ];
    for (let n = 1; n <= 4 && n < lw.length; n++) features.push(`p${n}=${lw.slice(0, n)}`, `x${n}=${lw.slice(-n)}`);
    if (i === 0) features.push(`first=${short[i]}`);
    if (isCapitalized(word) && lexicons.usuallyLowercase.has(lw)) features.push(i === 0 ? 'lc0' : 'lc');
    if (isCapitalized(word)) {
      if (document.lowercase.has(lw)) features.push(i === 0 ? 'dlc0' : 'dlc');
      if (document.capitalizedInside.has(word)) features.push(i === 0 ? 'dcap0' : 'dcap');
      features.push(document.afterFirstName.has(word) ? 'dfn' : 'nodfn');
    }
    const hyphen = word.indexOf('-');
    if (hyphen > 0 && hyphen < word.length - 1) {
      features.push(`hy0=${lw.slice(0, hyphen)}`, `hy1=${lw.slice(hyphen + 1)}`);
    }
    for (const match of gazetteer[i]!) features.push(`g=${match}`, `gss=${match}|${short[i]}`);
    return features;
  });
}
