import { DateTime, FixedOffsetZone } from 'luxon';

/**
 * A TIMEX3 value with the days it covers. `exact` is how the value is written when the
 * publication date pins it down (`2022-01-21`); `vague` is the form whose fields are X-ed out when
 * it does not (`2022-WXX-5` for "vrijdag" in an article dated only `2022-01`).
 */
export interface Candidate {
  exact: string;
  vague: string;
  first: DateTime;
  last: DateTime;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

const DAY_MS = 86_400_000;

/**
 * `day.plus({ days })` for the UTC days these values are counted in, where a day is always 24
 * hours: luxon's calendar arithmetic costs ten times as much, and the finder does it for every
 * day a publication month may be. What is not a whole number (a word no table knew) is left to
 * luxon, so that it means what it always meant.
 */
export function addDays(day: DateTime, days: number): DateTime {
  if (!Number.isInteger(days)) return day.plus({ days });
  return DateTime.fromMillis(day.toMillis() + days * DAY_MS, { zone: FixedOffsetZone.utcInstance });
}

export const dayValue = (day: DateTime) => `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
export const weekValue = (day: DateTime) => `${pad(day.weekYear, 4)}-W${pad(day.weekNumber)}`;
export const weekdayValue = (day: DateTime) => `${weekValue(day)}-${day.weekday}`;
export const monthValue = (day: DateTime) => `${pad(day.year, 4)}-${pad(day.month)}`;

/** A single day, written as a date when known and as a week day ("2022-WXX-5") when not. */
export function weekdayCandidate(day: DateTime, suffix = ''): Candidate {
  return { exact: dayValue(day) + suffix, vague: weekdayValue(day) + suffix, first: day, last: day };
}

/** A single day that has no better vague form than the date itself ("morgen" → `2022-XX-XX`). */
export function dayCandidate(day: DateTime, suffix = ''): Candidate {
  const value = dayValue(day) + suffix;
  return { exact: value, vague: value, first: day, last: day };
}

export function weekCandidate(day: DateTime): Candidate {
  const monday = day.startOf('week');
  return { exact: weekValue(day), vague: weekValue(day), first: monday, last: addDays(monday, 6) };
}

export function weekendCandidate(day: DateTime): Candidate {
  const saturday = addDays(day.startOf('week'), 5);
  const value = `${weekValue(day)}-WE`;
  return { exact: value, vague: value, first: saturday, last: addDays(saturday, 1) };
}

/**
 * A stretch named by a year and a number (a month, season, quarter) is the same for every day of
 * a publication month, and luxon takes long to make one: each is made once and kept (they are
 * never changed), up to a bound.
 */
function kept(make: (year: number, part: number) => Candidate): (year: number, part: number) => Candidate {
  const made = new Map<string, Candidate>();
  return (year, part) => {
    const key = `${year}:${part}`;
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
  const first = DateTime.utc(year, month, 1);
  return { exact: monthValue(first), vague: monthValue(first), first, last: first.endOf('month').startOf('day') };
});

export const monthCandidate = (day: DateTime): Candidate => monthOf(day.year, day.month);

const yearOf = kept((year) => {
  const first = DateTime.utc(year, 1, 1);
  return { exact: pad(year, 4), vague: pad(year, 4), first, last: DateTime.utc(year, 12, 31) };
});

export const yearCandidate = (year: number): Candidate => yearOf(year, 0);

/** Seasons as the Dutch weather service counts them: winter is December to February. */
export const SEASONS = { SP: 3, SU: 6, FA: 9, WI: 12 } as const;
export type Season = keyof typeof SEASONS;

/** `months` months from the first of `firstMonth`, written with `code` and its number (`2022-SU`, `2022-Q3`). */
const stretch = (months: number, firstMonth: (part: number) => number, code: (part: number) => string) =>
  kept((year, part) => {
    const first = DateTime.utc(year, firstMonth(part), 1);
    const value = `${pad(year, 4)}-${code(part)}`;
    return { exact: value, vague: value, first, last: first.plus({ months }).minus({ days: 1 }) };
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
  return { exact: value, vague: value, first: DateTime.utc(decade, 1, 1), last: DateTime.utc(decade + 9, 12, 31) };
}

/** The hundred years TIMEX writes as their first two digits: the 19th century is `18`. */
export function centuryCandidate(first: number): Candidate {
  const value = String(Math.floor(first / 100)).padStart(2, '0');
  return { exact: value, vague: value, first: DateTime.utc(first, 1, 1), last: DateTime.utc(first + 99, 12, 31) };
}

const FIELD = /\d+|[A-Z]+|[^\dA-Z]+/g;

/**
 * One value for all the candidates: the exact one when they agree, else their vague forms with
 * every field that differs among them replaced by X (`2022-W01-5`, `2022-W05-5` → `2022-WXX-5`).
 */
export function mergeCandidates(candidates: readonly Candidate[]): { value: string; first: DateTime; last: DateTime } {
  const first = candidates.reduce((min, c) => (c.first < min ? c.first : min), candidates[0]!.first);
  const last = candidates.reduce((max, c) => (c.last > max ? c.last : max), candidates[0]!.last);
  if (candidates.every((c) => c.exact === candidates[0]!.exact)) return { value: candidates[0]!.exact, first, last };
  const fields = candidates.map((c) => c.vague.match(FIELD) ?? []);
  const value = fields[0]!
    .map((field, i) => (fields.every((other) => other[i] === field) || !/^\d+$/.test(field) ? field : 'X'.repeat(field.length)))
    .join('');
  return { value, first, last };
}

/** A value with every number replaced by X: `2022-01-17` → `XXXX-XX-XX`. */
export const unknownFields = (value: string) => value.replace(/\d/g, 'X');

/** The days of recent publication dates: articles come in runs of the same date, and a month has up to 31 of them. */
const recentDays = new Map<string, readonly DateTime[]>();
const RECENT_MAX = 64;

/** Every day a publication date may be: one for a day (or finer), all of its month or year otherwise. */
export function daysOf(dct: { year: number; month?: number; day?: number }): readonly DateTime[] {
  const key = `${dct.year}-${dct.month}-${dct.day}`;
  let days = recentDays.get(key);
  if (days === undefined) {
    days = allDaysOf(dct);
    if (recentDays.size >= RECENT_MAX) recentDays.delete(recentDays.keys().next().value!);
    recentDays.set(key, days);
  }
  return days;
}

function allDaysOf(dct: { year: number; month?: number; day?: number }): DateTime[] {
  if (dct.day !== undefined) return [DateTime.utc(dct.year, dct.month!, dct.day)];
  const first = DateTime.utc(dct.year, dct.month ?? 1, 1);
  const last = dct.month !== undefined ? first.endOf('month') : first.endOf('year');
  const days: DateTime[] = [];
  for (let day: DateTime = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}
