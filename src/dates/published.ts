import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { z } from 'zod';
import { daysInMonth } from './timex/days.ts';
import { MONTH_WORDS, monthName, monthNumber, WEEKDAY_WORDS, weekdayName, weekdayNumber } from './words.ts';

export const precisionSchema = z.enum(['year', 'month', 'day', 'minute', 'second']);
export type Precision = z.infer<typeof precisionSchema>;

export const publishedDateSchema = z.object({
  /** ISO 8601 cut to the precision: `2023`, `2023-03`, `2023-03-02`, `2023-03-02T14:05`, `…T14:05:00+01:00` (an offset only when the header gives one). */
  value: z.string(),
  precision: precisionSchema,
  /** The first calendar day the value covers: `2023-03` → `2023-03-01`. */
  date: z.iso.date(),
  /** The first and the last instant the value covers, with their offsets. */
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  /** The header's offset (`+01:00`, `UTC`), or the configured zone for a time without one; null for a date without a time. */
  timezone: z.string().nullable(),
  /** True when the header gives a time but no offset, so that the zone is an assumption. */
  implied: z.boolean(),
  /** What is odd but not impossible: a weekday that contradicts the date, a local time that does not exist. */
  warnings: z.array(z.string()),
});
export type PublishedDate = z.infer<typeof publishedDateSchema>;

const DEFAULT_ZONE = 'Europe/Amsterdam';

export class DateError extends Error {
  override name = 'DateError';
}

const alternatives = (words: readonly string[]) => words.join('|');
const WEEKDAY = `(?:(?<weekday>${alternatives(WEEKDAY_WORDS)})\\.? )?`;
const MONTH = `(?<monthName>${alternatives(MONTH_WORDS)})\\.?`;
/** A time, with an optional offset (and a zone name in brackets after it, as mail headers write). */
const TIME =
  '(?:[t ](?:om |at )?(?<hour>\\d{1,2})[:.hu](?<minute>\\d{2})(?:[:.](?<second>\\d{2})(?:\\.\\d+)?)?(?: ?(?:uur|u))?' +
  '(?: ?(?<offset>z|utc|gmt|ut|cet|cest|[+-]\\d{2}:?\\d{2})(?: \\([a-z]{2,5}\\))?)?)?';

/** The forms a header may take, tried in order on the header with commas dropped and spaces collapsed. */
const FORMS = [
  // ISO 8601: 2023, 2023-03, 2023-03-02, 2023-03-02T14:05:09.123+01:00, 2023-03-02 14.05 uur
  new RegExp(`^${WEEKDAY}(?<year>\\d{4})(?:-(?<month>\\d{2})(?:-(?<day>\\d{2})${TIME})?)?$`, 'iu'),
  // Day first, numeric: 02/03/2023, 02.03.2023, 2-3-23
  new RegExp(`^${WEEKDAY}(?<day>\\d{1,2})(?<separator>[/.-])(?<month>\\d{1,2})\\k<separator>(?<year>\\d{4}|\\d{2})${TIME}$`, 'iu'),
  // Day, month name, year: 3 maart 2023, vrijdag 3 mrt. 2023 14.05 uur, Fri 03 Mar 2023 14:05:00 +0100
  new RegExp(`^${WEEKDAY}(?<day>\\d{1,2})(?:e|ste|de)? ${MONTH} (?<year>\\d{4})${TIME}$`, 'iu'),
  // Month name, day, year: March 3, 2023
  new RegExp(`^${WEEKDAY}${MONTH} (?<day>\\d{1,2})(?:st|nd|rd|th)? (?<year>\\d{4})${TIME}$`, 'iu'),
  // Month name and year: maart 2023
  new RegExp(`^${MONTH} (?<year>\\d{4})$`, 'iu'),
];

const EXPECTED =
  'expected a date such as 2023, 2023-03, 2023-03-02T14:05+01:00, 2 maart 2023, vrijdag 3 mrt. 2023 14.05 uur, ' +
  '02/03/2023, March 3, 2023 or Fri, 03 Mar 2023 14:05:00 +0100';

const normalized = (text: string) => text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ');

/** Why a number is out of its range, or undefined when it is not. */
function outOfRange(value: number | undefined, min: number, max: number, what: string): string | undefined {
  return value !== undefined && (value < min || value > max) ? `${what} ${value} does not exist (${min}–${max})` : undefined;
}

/** Two-digit years are this century up to 69, the last one from 70. */
const fullYear = (digits: string) => (digits.length === 4 ? Number(digits) : Number(digits) + (Number(digits) < 70 ? 2000 : 1900));

function zoneOf(offset: string): { zone: Zone; name: string; suffix: string } | string {
  const lower = offset.toLowerCase();
  if (lower === 'z' || lower === 'utc' || lower === 'gmt' || lower === 'ut') return { zone: FixedOffsetZone.utcInstance, name: 'UTC', suffix: 'Z' };
  const [hours, minutesPart] = [Number(offset.slice(1, 3)), Number(offset.slice(-2))];
  if (lower !== 'cet' && lower !== 'cest' && (hours > 14 || minutesPart > 59)) return `offset ${offset} does not exist (at most ±14:00)`;
  const minutes = lower === 'cet' ? 60 : lower === 'cest' ? 120 : (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutesPart);
  const zone = FixedOffsetZone.instance(minutes);
  const name = zone.formatOffset(0, 'short');
  return { zone, name, suffix: name };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * Luxon asks a zone for its offset at the same instant several times while it builds one date and
 * the end of its day, month or year: a zone's answers are remembered (the offset at an instant
 * never changes), up to a bound. Luxon reads an offset from a date formatted in parts by Intl,
 * which is costly; Intl writes the offset itself ("GMT+01:00", "GMT-04:56:02") in a quarter of the time.
 */
class RememberingZone extends IANAZone {
  readonly #offsets = new Map<number, number>();
  readonly #format: Intl.DateTimeFormat;

  constructor(name: string) {
    super(name);
    this.#format = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
  }

  override offset(ts: number): number {
    // Beyond the range of a Date, luxon's answer is NaN, and Intl would throw.
    if (!(Math.abs(ts) <= LAST_INSTANT)) return super.offset(ts);
    let offset = this.#offsets.get(ts);
    if (offset === undefined) {
      if (this.#offsets.size >= REMEMBERED_OFFSETS) this.#offsets.clear();
      offset = minutesWritten(this.#format.format(ts));
      this.#offsets.set(ts, offset);
    }
    return offset;
  }
}
const LAST_INSTANT = 8.64e15;
const REMEMBERED_OFFSETS = 256;

/** The offset in minutes (with seconds as a fraction, as luxon counts them) at the end of a date Intl formatted with it. */
function minutesWritten(formatted: string): number {
  const written = formatted.slice(formatted.lastIndexOf('GMT') + 3);
  if (written === '') return 0;
  const [hours = 0, minutes = 0, seconds = 0] = written.slice(1).split(':').map(Number);
  return ((written[0] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60 + seconds) * 1000) / 60_000;
}

/** Checking a zone name builds a date formatter, which costs more than the rest of a parse: each name is checked once. */
const zones = new Map<string, IANAZone | undefined>();

function zoneNamed(name: string): IANAZone | undefined {
  if (!zones.has(name)) zones.set(name, IANAZone.isValidZone(name) ? new RememberingZone(name) : undefined);
  return zones.get(name);
}

/** The named groups of the first form the header takes, if it takes one. */
function formOf(header: string): Record<string, string | undefined> | undefined {
  for (const form of FORMS) {
    const groups = form.exec(header)?.groups;
    if (groups) return groups;
  }
  return undefined;
}

/** The date a header gives, or why it gives none: the work of {@link parsePublishedDate}, which throws the reason. */
function readPublishedDate(text: string, defaultZone: string): PublishedDate | string {
  const groups = formOf(normalized(text));
  if (!groups) return `"${text.trim()}" is not a date; ${EXPECTED}`;

  const year = fullYear(groups.year!);
  if (year < 1) return `year ${groups.year} does not exist (the calendar starts at 1)`;
  const month = groups.month !== undefined ? Number(groups.month) : groups.monthName !== undefined ? monthNumber(groups.monthName) : undefined;
  const day = groups.day !== undefined ? Number(groups.day) : undefined;
  const badMonth = outOfRange(month, 1, 12, 'month');
  if (badMonth) return badMonth;
  if (month !== undefined && day !== undefined) {
    const days = daysInMonth(year, month);
    if (day < 1 || day > days) return `${monthName(month)} ${year} has no day ${day} (1–${days})`;
  }
  const hour = groups.hour !== undefined ? Number(groups.hour) : undefined;
  const minute = groups.minute !== undefined ? Number(groups.minute) : undefined;
  const second = groups.second !== undefined ? Number(groups.second) : undefined;
  const badTime = outOfRange(hour, 0, 23, 'hour') ?? outOfRange(minute, 0, 59, 'minute') ?? outOfRange(second, 0, 59, 'second');
  if (badTime) return badTime;

  const explicit = groups.offset !== undefined ? zoneOf(groups.offset) : undefined;
  if (typeof explicit === 'string') return explicit;
  const configured = zoneNamed(defaultZone);
  if (!configured) return `unknown time zone "${defaultZone}"`;
  const zone = explicit?.zone ?? configured;
  const precision: Precision = second !== undefined ? 'second' : minute !== undefined ? 'minute' : day !== undefined ? 'day' : month !== undefined ? 'month' : 'year';
  const local = { year, month: month ?? 1, day: day ?? 1, hour: hour ?? 0, minute: minute ?? 0, second: second ?? 0 };
  const resolved =
    hour !== undefined && !explicit ? resolveLocalTime(DateTime.fromObject(local, { zone }), local, defaultZone) : { instant: DateTime.fromObject(local, { zone }), warnings: [] };
  const start = resolved.instant;
  const end = start.endOf(precision);

  const warnings = [...resolved.warnings];
  const weekday = groups.weekday !== undefined ? weekdayNumber(groups.weekday) : undefined;
  if (weekday !== undefined && day !== undefined && weekday !== start.weekday) {
    warnings.push(`the header says ${weekdayName(weekday)}, but ${day} ${monthName(local.month)} ${year} is a ${weekdayName(start.weekday)}`);
  }

  const date = `${pad(year, 4)}-${pad(local.month)}-${pad(local.day)}`;
  const clock = `${pad(local.hour)}:${pad(local.minute)}${second !== undefined ? `:${pad(second)}` : ''}`;
  const value =
    precision === 'year' ? pad(year, 4) : precision === 'month' ? date.slice(0, 7) : precision === 'day' ? date : `${date}T${clock}${explicit?.suffix ?? ''}`;
  return {
    value,
    precision,
    date,
    start: start.toISO()!,
    end: end.toISO()!,
    timezone: hour === undefined ? null : (explicit?.name ?? defaultZone),
    implied: hour !== undefined && !explicit,
    warnings,
  };
}

/** Feeds repeat headers, and each stage of the pipeline reads the same one again: recent results are kept. */
const recent = new Map<string, PublishedDate | string>();
const RECENT_MAX = 1000;

function readRecent(text: string, defaultZone: string): PublishedDate | string {
  const key = `${defaultZone}\u0000${text}`;
  let result = recent.get(key);
  if (result === undefined) {
    result = readPublishedDate(text, defaultZone);
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
    recent.set(key, result);
  }
  return result;
}

/**
 * Parses a publication date as Dutch and English newsrooms write it and keeps its precision: a
 * month is a month (`2023-03`, never an invented first of March). A time without an offset is
 * read in `defaultZone`, and marked as implied. An impossible date is a {@link DateError}; a
 * contradicting weekday or a local time that does not exist is a warning.
 */
export function parsePublishedDate(text: string, defaultZone = DEFAULT_ZONE): PublishedDate {
  const result = readRecent(text, defaultZone);
  if (typeof result === 'string') throw new DateError(result);
  // A copy, so that a caller who changes the warnings changes only its own.
  return { ...result, warnings: [...result.warnings] };
}

/**
 * Daylight saving time makes some local times never happen (luxon moves them forward; so do we,
 * with a warning) and others happen twice (we take the first, as most software does, and warn).
 */
function resolveLocalTime(instant: DateTime, local: { hour: number; minute: number }, zone: string): { instant: DateTime; warnings: string[] } {
  const written = `${pad(local.hour)}:${pad(local.minute)}`;
  if (instant.hour !== local.hour || instant.minute !== local.minute) {
    const warning = `${written} does not exist on ${instant.toISODate()} in ${zone} (the clocks skip it); read as ${instant.toFormat('HH:mm')}${instant.toFormat('ZZ')}`;
    return { instant, warnings: [warning] };
  }
  const hourEarlier = instant.minus({ hours: 1 });
  if (hourEarlier.hour === local.hour && hourEarlier.minute === local.minute) {
    const warning = `${written} happens twice on ${instant.toISODate()} in ${zone} (the clocks go back); read as the first, ${hourEarlier.toFormat('ZZ')}`;
    return { instant: hourEarlier, warnings: [warning] };
  }
  return { instant, warnings: [] };
}

/** Words and numbers a date header may consist of, to find where the header ends and the text begins. */
const DATEISH = new RegExp(
  `^(?:\\d[\\d/.:+tz-]*|[+-]\\d{2}:?\\d{2}|z|utc|gmt|ut|cet|cest|om|at|uur|u|${alternatives(MONTH_WORDS)}|${alternatives(WEEKDAY_WORDS)})[.,]?$`,
  'iu',
);

/** At most this many words make a header ("vrijdag 3 maart 2023 om 14.05 uur +0100" has seven). */
const MAX_HEADER_WORDS = 8;

/**
 * Splits a header line (after `date`) into the date and the text that follows on the same line:
 * the longest run of words that is a date, or, when none is, the date-like words (so that the
 * error names all of `31 februari 2023`).
 */
export function splitDateHeader(line: string): { dateText: string; rest: string } {
  const words = [...line.matchAll(/\S+/g)].slice(0, MAX_HEADER_WORDS);
  const upTo = (count: number) => ({ dateText: line.slice(0, words[count - 1]!.index + words[count - 1]![0].length), rest: line.slice(words[count - 1]!.index + words[count - 1]![0].length) });
  for (let count = words.length; count > 0; count--) {
    const candidate = upTo(count);
    // "2 maart 2023 1.10 meter sneeuw": a dotted number before a lower-case word is the text's, not a time.
    if (/\d\.\d{2}$/.test(candidate.dateText) && /^\s+\p{Ll}/u.test(candidate.rest)) continue;
    // Most runs of words take none of the forms: only those that do are read in full.
    if (formOf(normalized(candidate.dateText)) && typeof readRecent(candidate.dateText, DEFAULT_ZONE) !== 'string') return candidate;
  }
  let dateish = 0;
  while (dateish < words.length && DATEISH.test(words[dateish]![0])) dateish++;
  return words.length === 0 ? { dateText: '', rest: line } : upTo(Math.max(1, dateish));
}
