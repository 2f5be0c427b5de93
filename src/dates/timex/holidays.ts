import { type Day, dayOf, weekdayOf } from './days.ts';

/**
 * The named days of the Dutch and Flemish calendar: for each name (in lower case), the day it
 * falls on in a year, undefined in a year it was not held; and the part of the day the name
 * itself says (`kerstavond` is an evening).
 */
export interface Holiday {
  dayIn(year: number): Day | undefined;
  part?: 'EV' | 'NI';
}

/** Easter Sunday of a Gregorian year: the anonymous Gregorian algorithm (Meeus, Jones, Butcher). */
export function easterOf(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, day);
}

const SUNDAY = 7;
const fixed = (month: number, day: number) => (year: number) => dayOf(year, month, day);
const fromEaster = (days: number) => (year: number) => easterOf(year) + days;
/** The `nth` given weekday of a month: Prinsjesdag is the third Tuesday of September. */
const nthWeekday = (month: number, weekday: number, nth: number) => (year: number) => {
  const first = dayOf(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (nth - 1);
};
/** A birthday of the monarch moves to the Saturday before when it falls on a Sunday. */
const notOnSunday = (month: number, day: number, from: number, to: number) => (year: number) => {
  if (year < from || year > to) return undefined;
  const date = dayOf(year, month, day);
  return weekdayOf(date) === SUNDAY ? date - 1 : date;
};

const christmas = fixed(12, 25);
const newYearsEve = fixed(12, 31);
const easter = fromEaster(0);
const easterMonday = fromEaster(1);
const ascension = fromEaster(39);
const pentecost = fromEaster(49);
const whitMonday = fromEaster(50);
const sinterklaas = fixed(12, 5);

export const HOLIDAYS: Readonly<Record<string, Holiday>> = {
  nieuwjaar: { dayIn: fixed(1, 1) },
  nieuwjaarsdag: { dayIn: fixed(1, 1) },
  driekoningen: { dayIn: fixed(1, 6) },
  valentijnsdag: { dayIn: fixed(2, 14) },
  aswoensdag: { dayIn: fromEaster(-46) },
  palmzondag: { dayIn: fromEaster(-7) },
  'witte donderdag': { dayIn: fromEaster(-3) },
  'goede vrijdag': { dayIn: fromEaster(-2) },
  pasen: { dayIn: easter },
  paaszondag: { dayIn: easter },
  'eerste paasdag': { dayIn: easter },
  paasmaandag: { dayIn: easterMonday },
  'tweede paasdag': { dayIn: easterMonday },
  // Queen Juliana's and Beatrix's day was 30 April (1 May when on a Sunday until 1980, 29 April after); the King's is 27 April since 2014.
  koninginnedag: {
    dayIn: (year) => (year >= 1949 && year <= 1979 && weekdayOf(dayOf(year, 4, 30)) === SUNDAY ? dayOf(year, 5, 1) : notOnSunday(4, 30, 1949, 2013)(year)),
  },
  koningsdag: { dayIn: notOnSunday(4, 27, 2014, 9999) },
  dodenherdenking: { dayIn: fixed(5, 4) },
  bevrijdingsdag: { dayIn: fixed(5, 5) },
  moederdag: { dayIn: nthWeekday(5, SUNDAY, 2) },
  hemelvaart: { dayIn: ascension },
  hemelvaartsdag: { dayIn: ascension },
  hemelvaartsdonderdag: { dayIn: ascension },
  pinksteren: { dayIn: pentecost },
  pinksterzondag: { dayIn: pentecost },
  'eerste pinksterdag': { dayIn: pentecost },
  pinkstermaandag: { dayIn: whitMonday },
  'tweede pinksterdag': { dayIn: whitMonday },
  'maria-hemelvaart': { dayIn: fixed(8, 15) },
  prinsjesdag: { dayIn: nthWeekday(9, 2, 3) },
  halloween: { dayIn: fixed(10, 31) },
  allerheiligen: { dayIn: fixed(11, 1) },
  allerzielen: { dayIn: fixed(11, 2) },
  sinterklaas: { dayIn: sinterklaas },
  sinterklaasavond: { dayIn: sinterklaas, part: 'EV' },
  pakjesavond: { dayIn: sinterklaas, part: 'EV' },
  kerstavond: { dayIn: fixed(12, 24), part: 'EV' },
  kerstnacht: { dayIn: fixed(12, 24), part: 'NI' },
  kerstmis: { dayIn: christmas },
  kerst: { dayIn: christmas },
  kerstfeest: { dayIn: christmas },
  'eerste kerstdag': { dayIn: christmas },
  'tweede kerstdag': { dayIn: fixed(12, 26) },
  oudjaar: { dayIn: newYearsEve },
  oudejaarsdag: { dayIn: newYearsEve },
  oudejaarsavond: { dayIn: newYearsEve, part: 'EV' },
  oudejaarsnacht: { dayIn: newYearsEve, part: 'NI' },
  // The turn of the year is the night it turns in, which begins on 31 December (as "de nacht van zaterdag op zondag" is Saturday's).
  jaarwisseling: { dayIn: newYearsEve, part: 'NI' },
  'oud en nieuw': { dayIn: newYearsEve, part: 'NI' },
};

/**
 * Names that are also a person's (Sinterklaas) or words of running text ("een mix van oud en nieuw"): a day only where
 * the rule says so.
 */
export const CUED_HOLIDAYS = new Set(['sinterklaas', 'oud en nieuw']);
export const CAPITALIZED_HOLIDAYS = new Set(['goede vrijdag', 'witte donderdag']);

/** How far a search for a year the day was held goes: Koninginnedag was last held in 2013. */
const YEARS_SEARCHED = 200;

/** The day a holiday falls on in a year; undefined when it was not held that year (Koningsdag before 2014). */
export const holidayIn = (holiday: Holiday, year: number): Day | undefined => holiday.dayIn(year);

/**
 * The day a holiday names, seen from the publication day (in `year`): the last one before it
 * (`before`: "afgelopen kerst"), the next after (`after`), the last on or before (`past`), the
 * first on or after (`future`), or the one of its year (`present`, as for a date without a year).
 * Where none is held that way (Koninginnedag after 2013), the nearest the other way.
 */
export function holidayNear(holiday: Holiday, day: Day, year: number, which: 'before' | 'after' | 'past' | 'future' | 'present'): Day {
  const search = (step: 1 | -1, accept: (date: Day) => boolean) => {
    for (let y = year, n = 0; n < YEARS_SEARCHED; y += step, n++) {
      const date = holiday.dayIn(y);
      if (date !== undefined && accept(date)) return date;
    }
    return undefined;
  };
  const near =
    which === 'before' ? search(-1, (date) => date < day)
    : which === 'after' ? search(1, (date) => date > day)
    : which === 'past' ? search(-1, (date) => date <= day)
    : which === 'future' ? search(1, (date) => date >= day)
    : holiday.dayIn(year);
  // Every holiday of the table is held in some year within reach either way.
  return (near ?? search(1, () => true) ?? search(-1, () => true))!;
}
