/**
 * Month and weekday names as Dutch and English newsrooms write them, in full and abbreviated
 * (with or without a dot, which callers strip).
 */
const MONTHS: readonly (readonly string[])[] = [
  ['januari', 'jan', 'january'],
  ['februari', 'feb', 'febr', 'february'],
  ['maart', 'mrt', 'maa', 'mar', 'march', 'mär'],
  ['april', 'apr'],
  ['mei', 'may'],
  ['juni', 'jun', 'june'],
  ['juli', 'jul', 'july'],
  ['augustus', 'aug', 'august'],
  ['september', 'sep', 'sept'],
  ['oktober', 'okt', 'oct', 'october'],
  ['november', 'nov'],
  ['december', 'dec'],
];

/** ISO weekday numbers: Monday is 1. */
const WEEKDAYS: readonly (readonly string[])[] = [
  ['maandag', 'ma', 'monday', 'mon'],
  ['dinsdag', 'di', 'tuesday', 'tue', 'tues'],
  ['woensdag', 'wo', 'wednesday', 'wed'],
  ['donderdag', 'do', 'thursday', 'thu', 'thur', 'thurs'],
  ['vrijdag', 'vr', 'friday', 'fri'],
  ['zaterdag', 'za', 'saturday', 'sat'],
  ['zondag', 'zo', 'sunday', 'sun'],
];

const index = (lists: readonly (readonly string[])[]) =>
  new Map(lists.flatMap((names, i) => names.map((name) => [name, i + 1] as const)));

const MONTH_NUMBERS = index(MONTHS);
const WEEKDAY_NUMBERS = index(WEEKDAYS);

/** 1–12 for a month name ("maart", "mrt.", "Sept"), else undefined. */
export function monthNumber(word: string): number | undefined {
  return MONTH_NUMBERS.get(word.toLowerCase().replace(/\.$/, ''));
}

/** 1 (Monday) – 7 (Sunday) for a weekday name ("vrijdag", "Fri", "za."), else undefined. */
export function weekdayNumber(word: string): number | undefined {
  return WEEKDAY_NUMBERS.get(word.toLowerCase().replace(/[.,]$/, ''));
}

/** The full Dutch names, for messages: `weekdayName(5)` is "vrijdag". */
export const weekdayName = (day: number) => WEEKDAYS[day - 1]![0]!;
export const monthName = (month: number) => MONTHS[month - 1]![0]!;

/** Every month name, longest first, for building patterns. */
export const MONTH_WORDS: readonly string[] = [...MONTH_NUMBERS.keys()].sort((a, b) => b.length - a.length);
/** Every weekday name, longest first, for building patterns. */
export const WEEKDAY_WORDS: readonly string[] = [...WEEKDAY_NUMBERS.keys()].sort((a, b) => b.length - a.length);
