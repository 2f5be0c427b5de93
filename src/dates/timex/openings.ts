/**
 * Finding where rules may match, in one pass. Running every rule's regular expression over the
 * whole text tries each rule at every character; most of that time goes to places where no rule
 * can begin. Each rule says what its matches open with, and one expression finds, at every word
 * start, which rules' openings stand there. Only there is a rule tried.
 */

/**
 * A word starts where the character before is no letter or digit. Looking only for a-z and 0-9
 * there (after folding the case) lets in a few places after other letters too; the rules' own
 * patterns turn those down.
 */
const WORD_START = '(?:^|[^a-z0-9])';

/** For each rule an empty alternative after a look-ahead that captures its opening: one match says which rules open there. */
function scanSource(openings: readonly string[]): string {
  const any = openings.map((opening) => `(?:${opening})`).join('|');
  return `${WORD_START}(?=${any})${openings.map((opening) => `(?:(?=(${opening}))|)`).join('')}`;
}

/** Group i + 1 of a scan match must be rule i's opening: an opening with groups of its own would shift them. */
function withoutGroups(opening: string): string {
  if (new RegExp(`${opening}|`).exec('')!.length > 1) throw new Error(`the opening "${opening}" of a time expression rule has a capturing group`);
  return opening;
}

export interface OpeningScanner {
  /** For each rule, in order, the offsets where its opening stands at a word start. */
  scan(text: string): number[][];
}

export function openingScanner(openings: readonly string[]): OpeningScanner {
  const source = scanSource(openings.map(withoutGroups));
  // Folded to lower case, the text is scanned without the costly Unicode case-insensitive matching.
  const folded = new RegExp(source, 'g');
  // Lower-casing changes the length of a text with a dotted capital I, and does not make the long s (ſ)
  // the s that case-insensitive matching takes it for: such texts are scanned as written.
  const asWritten = new RegExp(source, 'giu');
  return {
    scan(text) {
      const lower = text.toLowerCase();
      const foldable = lower.length === text.length && !lower.includes('ſ');
      return scanWith(foldable ? folded : asWritten, foldable ? lower : text, openings.length);
    },
  };
}

function scanWith(scanner: RegExp, text: string, rules: number): number[][] {
  const offsets: number[][] = Array.from({ length: rules }, () => []);
  scanner.lastIndex = 0;
  for (let found = scanner.exec(text); found !== null; found = scanner.exec(text)) {
    // The match is the character before the word, except at the very start of the text.
    const start = found.index + found[0].length;
    if (found[0].length === 0) scanner.lastIndex++;
    for (let rule = 0; rule < rules; rule++) if (found[rule + 1] !== undefined) offsets[rule]!.push(start);
  }
  return offsets;
}
