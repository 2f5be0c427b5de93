const WORDS: Record<string, number> = {
  een: 1, één: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10,
  elf: 11, twaalf: 12, dertien: 13, veertien: 14, vijftien: 15, zestien: 16, zeventien: 17, achttien: 18,
  negentien: 19, twintig: 20, dertig: 30, veertig: 40, vijftig: 50, zestig: 60, zeventig: 70, tachtig: 80,
  negentig: 90, honderd: 100,
};

/** A number from one to ninety-nine in words: "zes", "negentien", "drieëntwintig" (the compounds first, so that a match is whole). */
export const UNDER_HUNDRED_WORDS = `(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën))?(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)|${Object.keys(WORDS).filter((word) => WORDS[word]! < 20).join('|')}`;

/** A count and a half, in one word or four: "tweeënhalf", "drie en een halve", "2 en een half". */
const AND_A_HALF = `(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)(?:ën|en)(?:half|halve)|(?:\\d+|${UNDER_HUNDRED_WORDS}) en een (?:half|halve)`;

/**
 * A pattern for a count written in digits, the Dutch way ("10", "1.000", "1,5"), or as a word ("zes", "drieëntwintig"),
 * with a half ("tweeënhalf", "twee en een half"): that first, so that a match is whole.
 */
export const COUNT = `${AND_A_HALF}|\\d{1,3}(?:\\.\\d{3})+|\\d+(?:,\\d+)?|${UNDER_HUNDRED_WORDS}|honderd`;

/**
 * A year in words, as it is said: "negentienhonderdnegentig", "negentienhonderd vijfentachtig",
 * "tweeduizend tien", "tweeduizendeenentwintig". "tweeduizend" alone is left to counts ("tweeduizend
 * mensen").
 */
export const YEAR_IN_WORDS = `(?:achttien|negentien)honderd(?: ?(?:${UNDER_HUNDRED_WORDS}))?|tweeduizend ?(?:${UNDER_HUNDRED_WORDS})`;
/** What the first word of a year in words is, whole: "negentienhonderdnegentig", "tweeduizend". */
export const YEAR_IN_WORDS_OPENS = '(?:achttien|negentien)honderd\\p{L}*|tweeduizend\\p{L}*';

/** The year written in digits or in words ("1990", "negentienhonderdnegentig"); undefined for none. */
export function yearNumber(written: string | undefined): number | undefined {
  if (written === undefined) return undefined;
  if (/^\d+$/.test(written)) return Number(written);
  const said = /^(achttien|negentien|tweeduizend)(?:honderd)? ?(.*)$/u.exec(written.toLowerCase())!;
  const rest = said[2] === '' ? 0 : countValue(said[2]!)!;
  return (said[1] === 'tweeduizend' ? 2000 : said[1] === 'achttien' ? 1800 : 1900) + rest;
}

/** A count that is not said: "een paar dagen", "enkele weken". */
export const FEW = 'een paar|enkele|een aantal|meerdere';
/** What such a count may be: a couple up to a handful. */
export const FEW_COUNTS: readonly number[] = [2, 3, 4, 5];

/** The number a count stands for; undefined if it is not one. */
export function countValue(text: string): number | undefined {
  const lower = text.toLowerCase();
  const andAHalf = /^(.+?)(?: en een |ën|en)(?:half|halve)$/u.exec(lower);
  if (andAHalf) {
    const whole = countValue(andAHalf[1]!);
    return whole === undefined ? undefined : whole + 0.5;
  }
  if (/^\d{1,3}(?:\.\d{3})+$/.test(lower)) return Number(lower.replace(/\./g, ''));
  if (/^\d+(?:,\d+)?$/.test(lower)) return Number(lower.replace(',', '.'));
  if (lower in WORDS) return WORDS[lower];
  // The ones are named: a lazy letter run would split "zevenentwintig" as "zev" + "en" + "entwintig".
  const compound = /^(een|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën)(\p{L}+tig)$/u.exec(lower);
  if (compound && compound[1]! in WORDS && compound[2]! in WORDS) return WORDS[compound[1]!]! + WORDS[compound[2]!]!;
  return undefined;
}

/** Ordinals in words up to 31, the last day of a month; "tweeëntwintigste" is also written without its diaeresis. */
const ORDINAL_WORDS = [
  'eerste', 'tweede', 'derde', 'vierde', 'vijfde', 'zesde', 'zevende', 'achtste', 'negende', 'tiende', 'elfde', 'twaalfde', 'dertiende',
  'veertiende', 'vijftiende', 'zestiende', 'zeventiende', 'achttiende', 'negentiende', 'twintigste', 'eenentwintigste', 'tweeëntwintigste',
  'drieëntwintigste', 'vierentwintigste', 'vijfentwintigste', 'zesentwintigste', 'zevenentwintigste', 'achtentwintigste',
  'negenentwintigste', 'dertigste', 'eenendertigste',
];

/** A pattern for an ordinal: in words up to 31 ("negentiende", "tweeëntwintigste"), or in digits ("19de", "19e"). */
export const ORDINAL = `${ORDINAL_WORDS.join('|')}|tweeentwintigste|drieentwintigste|\\d{1,2}(?:e|de|ste)`;

/** The number an ordinal stands for ("negentiende", "19de" → 19). */
export function ordinalNumber(text: string): number | undefined {
  // "tweeentwintigste" → "tweeëntwintigste": the diaeresis the table spells.
  const lower = text.toLowerCase().replace(/eentwintigste$/, 'eëntwintigste');
  const index = ORDINAL_WORDS.indexOf(lower);
  if (index >= 0) return index + 1;
  const digits = /^(\d{1,2})(?:e|de|ste)$/.exec(lower);
  return digits ? Number(digits[1]) : undefined;
}

/** The decade "de jaren negentig", "de jaren '90" or "de jaren 1990" names, as its first year (1990). */
export function decadeValue(text: string): number | undefined {
  const lower = text.toLowerCase().replace(/^['’]/, '');
  const digits = /^(\d)0$/.exec(lower);
  if (digits) return 1900 + Number(digits[1]) * 10;
  if (/^\d{3}0$/.test(lower)) return Number(lower);
  const tens = WORDS[lower];
  return tens !== undefined && tens >= 20 && tens <= 90 && tens % 10 === 0 ? 1900 + tens : undefined;
}
