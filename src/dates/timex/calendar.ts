import { civilOf, type Day, dayOf, daysInMonth, isoDateOf, isoWeekOf, mondayOf, monthsLater, weekdayOf, yearOf } from './days.ts';

/**
 * A TIMEX3 value with the days it covers. `exact` is how the value is written when the
 * publication date pins it down (`2022-01-21`); `vague` is the form whose fields are X-ed out when
 * it does not (`2022-WXX-5` for "vrijdag" in an article dated only `2022-01`).
 */
export interface Candidate {
  exact: string;
  vague: string;
  first: Day;
  last: Day;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

const weekValue = (day: Day) => {
  const { weekYear, week } = isoWeekOf(day);
  return `${pad(weekYear, 4)}-W${pad(week)}`;
};

/** A single day, written as a date when known and as a week day ("2022-WXX-5") when not. */
export function weekdayCandidate(day: Day, suffix = ''): Candidate {
  return { exact: isoDateOf(day) + suffix, vague: `${weekValue(day)}-${weekdayOf(day)}${suffix}`, first: day, last: day };
}

/** A single day that has no better vague form than the date itself ("morgen" → `2022-XX-XX`). */
export function dayCandidate(day: Day, suffix = ''): Candidate {
  const value = isoDateOf(day) + suffix;
  return { exact: value, vague: value, first: day, last: day };
}

/** A day's candidate with a part of it: `TNI` makes 2022-03-03 its night. */
export const withSuffix = (date: Candidate, suffix: string): Candidate => ({ ...date, exact: date.exact + suffix, vague: date.vague + suffix });

export function weekCandidate(day: Day): Candidate {
  const monday = mondayOf(day);
  return { exact: weekValue(day), vague: weekValue(day), first: monday, last: monday + 6 };
}

export function weekendCandidate(day: Day): Candidate {
  const saturday = mondayOf(day) + 5;
  const value = `${weekValue(day)}-WE`;
  return { exact: value, vague: value, first: saturday, last: saturday + 1 };
}

/**
 * A stretch named by a year and a number (a month, season, quarter) is the same for every day of
 * a publication month: each is made once and kept (they are never changed), up to a bound, so
 * that the candidates of a month's days share their strings.
 */
function kept(make: (year: number, part: number) => Candidate): (year: number, part: number) => Candidate {
  const made = new Map<number, Candidate>();
  return (year, part) => {
    // Parts are below 100.
    const key = year * 100 + part;
    let candidate = made.get(key);
    if (candidate === undefined) {
      if (made.size >= KEPT_MAX) made.clear();
      candidate = make(year, part);
      made.set(key, candidate);
    }
    return candidate;
  };
}
const KEPT_MAX = 4096;

const monthOf = kept((year, month) => {
  const value = `${pad(year, 4)}-${pad(month)}`;
  const first = dayOf(year, month, 1);
  return { exact: value, vague: value, first, last: first + daysInMonth(year, month) - 1 };
});

export const monthCandidate = (year: number, month: number): Candidate => monthOf(year, month);

/** The month `months` months after the day's. */
export function monthCandidateAfter(day: Day, months: number): Candidate {
  const { year, month } = monthsLater(day, months);
  return monthOf(year, month);
}

const yearOfNumber = kept((year) => ({ exact: pad(year, 4), vague: pad(year, 4), first: dayOf(year, 1, 1), last: dayOf(year, 12, 31) }));

export const yearCandidate = (year: number): Candidate => yearOfNumber(year, 0);

/** Seasons as the Dutch weather service counts them: winter is December to February. */
export const SEASONS = { SP: 3, SU: 6, FA: 9, WI: 12 } as const;
export type Season = keyof typeof SEASONS;

/** `months` months from the first of `firstMonth`, written with `code` and its number (`2022-SU`, `2022-Q3`). */
const stretch = (months: number, firstMonth: (part: number) => number, code: (part: number) => string) =>
  kept((year, part) => {
    const value = `${pad(year, 4)}-${code(part)}`;
    const after = monthsLater(dayOf(year, firstMonth(part), 1), months);
    return { exact: value, vague: value, first: dayOf(year, firstMonth(part), 1), last: dayOf(after.year, after.month, 1) - 1 };
  });

const SEASON_CODES = Object.fromEntries(Object.entries(SEASONS).map(([code, month]) => [month, code])) as Record<number, Season>;
const seasonOf = stretch(3, (month) => month, (month) => SEASON_CODES[month]!);
const halfOf = stretch(6, (half) => half * 6 - 5, (half) => `H${half}`);
const quarterOf = stretch(3, (quarter) => quarter * 3 - 2, (quarter) => `Q${quarter}`);

export const seasonCandidate = (year: number, season: Season): Candidate => seasonOf(year, SEASONS[season]);
export const halfCandidate = (year: number, half: number): Candidate => halfOf(year, half);
export const quarterCandidate = (year: number, quarter: number): Candidate => quarterOf(year, quarter);

export function decadeCandidate(decade: number): Candidate {
  const value = String(Math.floor(decade / 10));
  return { exact: value, vague: value, first: dayOf(decade, 1, 1), last: dayOf(decade + 9, 12, 31) };
}

/** The hundred years TIMEX writes as their first two digits: the 19th century is `18`. */
export function centuryCandidate(first: number): Candidate {
  const value = String(Math.floor(first / 100)).padStart(2, '0');
  return { exact: value, vague: value, first: dayOf(first, 1, 1), last: dayOf(first + 99, 12, 31) };
}

const FIELD = /\d+|[A-Z]+|[^\dA-Z]+/g;

/**
 * One value for all the candidates: the exact one when they agree, else their vague forms with
 * every field that differs among them replaced by X (`2022-W01-5`, `2022-W05-5` → `2022-WXX-5`).
 */
export function mergeCandidates(candidates: readonly Candidate[]): { value: string; first: Day; last: Day } {
  const [head] = candidates as [Candidate, ...Candidate[]];
  let { first, last } = head;
  let agree = true;
  for (const candidate of candidates) {
    if (candidate.first < first) first = candidate.first;
    if (candidate.last > last) last = candidate.last;
    agree &&= candidate.exact === head.exact;
  }
  if (agree) return { value: head.exact, first, last };
  // The days of a month share most of their vague forms: each distinct one is split once.
  const fields = [...new Set(candidates.map((c) => c.vague))].map((vague) => vague.match(FIELD) ?? []);
  const value = fields[0]!
    .map((field, i) => (fields.every((other) => other[i] === field) || !/^\d+$/.test(field) ? field : 'X'.repeat(field.length)))
    .join('');
  return { value, first, last };
}

/** One candidate standing for several ("een paar dagen geleden": two to five days back): the fields they share, and all their days. */
export function mergedCandidate(candidates: readonly Candidate[]): Candidate {
  if (candidates.length === 1) return candidates[0]!;
  const { value, first, last } = mergeCandidates(candidates);
  return { exact: value, vague: value, first, last };
}

/** A length of time in whole days, weeks, months or years: one count, or each count a vague one ("enkele weken") may be. */
export interface Span {
  counts: readonly number[];
  unit: 'D' | 'W' | 'M' | 'Y';
}

const DAY_VALUE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_VALUE = /^\d{4}-\d{2}$/;
const YEAR_VALUE = /^\d{4}$/;

/** The day of the month `months` months on, or the month's last when it is shorter ("een maand na 31 januari" is 28 februari). */
function dayMonthsLater(day: Day, months: number): Day {
  const { year, month } = monthsLater(day, months);
  return dayOf(year, month, Math.min(civilOf(day).day, daysInMonth(year, month)));
}

/**
 * The day, month or year a span before (`sign` -1) or after (+1) an anchor lies: "een week voor
 * vandaag", "twee maanden vanaf volgende maandag", "drie jaar na 2019". Undefined when the span
 * cannot count from the anchor in its own grain (days from a month, or from a week).
 */
export function countedFrom(anchor: Candidate, span: Span, sign: 1 | -1): Candidate | undefined {
  const { unit } = span;
  const one = (count: number): Candidate | undefined => {
    const by = sign * count;
    if (DAY_VALUE.test(anchor.exact)) {
      if (unit === 'D' || unit === 'W') return dayCandidate(anchor.first + by * (unit === 'W' ? 7 : 1));
      return dayCandidate(dayMonthsLater(anchor.first, unit === 'M' ? by : 12 * by));
    }
    if (MONTH_VALUE.test(anchor.exact) && (unit === 'M' || unit === 'Y')) {
      const { year, month } = monthsLater(anchor.first, unit === 'M' ? by : 12 * by);
      return monthCandidate(year, month);
    }
    if (YEAR_VALUE.test(anchor.exact) && unit === 'Y') return yearCandidate(yearOf(anchor.first) + by);
    return undefined;
  };
  const candidates = span.counts.map(one);
  return candidates.every((candidate) => candidate !== undefined) ? mergedCandidate(candidates as Candidate[]) : undefined;
}

/** A value with every number replaced by X: `2022-01-17` → `XXXX-XX-XX`. */
export const unknownFields = (value: string) => value.replace(/\d/g, 'X');

/** Every day a publication date may be: one for a day (or finer), all of its month or year otherwise. */
export function daysOf(dct: { year: number; month?: number; day?: number }): Day[] {
  if (dct.day !== undefined) return [dayOf(dct.year, dct.month!, dct.day)];
  const first = dayOf(dct.year, dct.month ?? 1, 1);
  const last = dct.month !== undefined ? first + daysInMonth(dct.year, dct.month) - 1 : dayOf(dct.year, 12, 31);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** "300000 jaar geleden" is a figure of speech, not a day a calendar (or Postgres) can hold. */
export function isReasonable(candidate: Candidate): boolean {
  const [firstYear, lastYear] = [yearOf(candidate.first), yearOf(candidate.last)];
  return firstYear >= 1 && firstYear <= 9999 && lastYear >= 1 && lastYear <= 9999;
}
