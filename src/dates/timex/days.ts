/**
 * Calendar days as whole numbers: days since 1970-01-01 in the proleptic Gregorian calendar, as
 * luxon counts UTC days. The finder works out a value for every day a publication month or year
 * may be; in plain integer arithmetic that costs a fraction of what luxon's objects do.
 */
export type Day = number;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days of the 400-year cycle, and from 0000-03-01 (where the cycle starts) to 1970-01-01. */
const CYCLE_DAYS = 146_097;
const EPOCH_SHIFT = 719_468;

/** The day of a year, month and day of the month (Howard Hinnant's days_from_civil). */
export function dayOf(year: number, month: number, day: number): Day {
  // Counted from March, so that the leap day is the last of the counted year.
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * CYCLE_DAYS + dayOfEra - EPOCH_SHIFT;
}

/** The year, month and day of the month of a day (civil_from_days). */
export function civilOf(day: Day): CivilDate {
  const shifted = day + EPOCH_SHIFT;
  const era = Math.floor(shifted / CYCLE_DAYS);
  const dayOfEra = shifted - era * CYCLE_DAYS;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1 };
}

export const yearOf = (day: Day) => civilOf(day).year;

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const daysInMonth = (year: number, month: number) => (month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!);

/** The ISO weekday: Monday is 1, Sunday 7 (1970-01-01 was a Thursday). */
export const weekdayOf = (day: Day) => ((((day + 3) % 7) + 7) % 7) + 1;

/** The Monday of the ISO week the day is in. */
export const mondayOf = (day: Day) => day - weekdayOf(day) + 1;

/** The ISO week-numbering year and week: the week belongs to the year its Thursday is in. */
export function isoWeekOf(day: Day): { weekYear: number; week: number } {
  const thursday = day - weekdayOf(day) + 4;
  const weekYear = yearOf(thursday);
  return { weekYear, week: Math.floor((thursday - dayOf(weekYear, 1, 1)) / 7) + 1 };
}

/** The year and month `months` months after the day's month (the day of the month plays no part). */
export function monthsLater(day: Day, months: number): { year: number; month: number } {
  const { year, month } = civilOf(day);
  const count = year * 12 + month - 1 + months;
  return { year: Math.floor(count / 12), month: (((count % 12) + 12) % 12) + 1 };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `2022-01-18`, as luxon's toISODate writes the years 0–9999. */
export function isoDateOf(day: Day): string {
  const { year, month, day: dayOfMonth } = civilOf(day);
  return `${pad(year, 4)}-${pad(month)}-${pad(dayOfMonth)}`;
}

/**
 * The day `days` days later. A count that is not a number comes from a name no table knows
 * ("dinſdag": the long s matches s case-insensitively); luxon refused it, and so does this.
 */
export function addDays(day: Day, days: number): Day {
  if (Number.isNaN(days)) throw new Error('Invalid unit value NaN');
  return day + days;
}
