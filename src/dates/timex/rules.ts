import { monthName, monthNumber } from '../words.ts';
import {
  type Candidate,
  centuryCandidate,
  halfCandidate,
  dayCandidate,
  decadeCandidate,
  monthCandidate,
  monthCandidateAfter,
  mergedCandidate,
  type Span,
  quarterCandidate,
  type Season,
  seasonCandidate,
  weekCandidate,
  weekdayCandidate,
  weekendCandidate,
  withSuffix,
  yearCandidate,
} from './calendar.ts';
import { addDays, civilOf, type Day, dayOf, daysInMonth, isoWeekOf, mondayOf, monthsLater, weekdayOf, yearOf } from './days.ts';
import { CAPITALIZED_HOLIDAYS, CUED_HOLIDAYS, HOLIDAYS, holidayIn, holidayNear } from './holidays.ts';
import { COUNT, countValue, decadeValue, FEW, FEW_COUNTS, ORDINAL, ordinalNumber, UNDER_HUNDRED_WORDS, YEAR_IN_WORDS, YEAR_IN_WORDS_OPENS, yearNumber } from './numbers.ts';
import type { Tense } from './tense.ts';

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type Mod = 'START' | 'MID' | 'END' | 'APPROX';

/**
 * What an expression means: a point or stretch in time relative to the publication day
 * (`candidate`), or a value that needs no anchor (a duration, a set).
 */
export type Meaning =
  | {
      type: TimexType;
      mod?: Mod;
      /** `tense` reads the clause around the expression, which costs its sentence's tokens: only meanings that depend on it call it. */
      candidate(day: Day, tense: () => Tense): Candidate;
      clock?: string;
      /**
       * Counted from the time the story is at ("een dag eerder", "later op de dag"), which is the
       * publication day only when that is known to the day.
       */
      anaphoric?: boolean;
    }
  | {
      type: TimexType;
      mod?: Mod;
      value: string;
      /** A duration's length, when it is whole days, weeks, months or years: before or after a day ("drie dagen na kerst") it counts from it. */
      span?: Span;
      /** Only a span to count from the date after it, nothing alone ("de dag na kerst"; "de dag na de verkiezingen" is none). */
      spanOnly?: boolean;
      /** Only the part of the day (`TEV`) of the date after it, nothing alone ("de avond van 3 maart"). */
      partOnly?: string;
    };

export interface Rule {
  /** A regular expression source with named groups; the whole match is the expression's text. */
  pattern: string;
  /**
   * What the first word of every match is, whole and in lower case: a regular expression. The
   * rule is tried only at such words.
   */
  opens: string;
  /** Where two rules match the same stretch, the higher priority wins. */
  priority: number;
  meaning(groups: Record<string, string | undefined>): Meaning | undefined;
}

// Words around numbers and names must not be part of a longer word.
// A match may not begin inside a word or a number ("1,5 jaar", "3.000 jaar", the "05:30" of a race time "2:05:30").
const START = '(?<![\\p{L}\\p{N}]|\\p{N}[.,:])';
const END = '(?![\\p{L}\\p{N}])';

/** A hyphen and a word after a name make a compound: "twee mei-bomen", "de 3e maart-editie". */
const NO_COMPOUND = '(?!-\\p{L})';

const MONTHS = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december';
/** The Dutch abbreviations of the months; "mei" is written in full. */
const ABBREVIATED_MONTHS = 'jan|febr|feb|mrt|maa|apr|jun|jul|aug|sept|sep|okt|nov|dec';
/** A month in full, or abbreviated with or without its dot: "november", "nov.", "nov". */
const MONTH_NAME = `(?<month>${MONTHS}|(?:${ABBREVIATED_MONTHS})\\.?)`;
const WEEKDAYS = 'maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag';
/**
 * A weekday abbreviated before a date ("zo 7 nov. 2021", "di. 3 maart"): with its dot or comma, or
 * before a date with its year; "zo", "di" and "do" are also words of running text ("zo 7 november").
 */
const WEEKDAY_ABBREVIATIONS = 'ma|di|wo|do|vr|za|zo';
const WEEKDAY_ABBREVIATION = `(?:(?:${WEEKDAY_ABBREVIATIONS})(?:\\.,?|,) |(?:${WEEKDAY_ABBREVIATIONS}) (?=[0-3]?\\d (?:${MONTHS}|(?:${ABBREVIATED_MONTHS})\\.?) (?:1[89]|20)\\d\\d))`;
/** The parts of the day, with the Flemish voormiddag (morning) and namiddag (afternoon). */
const PARTS: Record<string, string> = { ochtend: 'MO', morgen: 'MO', voormiddag: 'MO', middag: 'AF', namiddag: 'AF', avond: 'EV', nacht: 'NI' };
const PARTS_OF_DAY = Object.keys(PARTS).join('|');
const PART_OF_DAY = `(?<part>${PARTS_OF_DAY})`;
const YEAR = `(?<year>1[89]\\d\\d|20\\d\\d|${YEAR_IN_WORDS})`;
/** A year after a date, written or counted from the publication's: "3 maart 2021", "maart vorig jaar", "de zomer van dit jaar". */
const YEAR_OR_SHIFT = `(?:van )?(?:${YEAR}|(?<yearShift>vorig|dit|volgend|komend|afgelopen|verleden) jaar)`;
/** What stands between the months of a range: "maart tot mei", "maart en april", "juni-juli". */
const MONTH_RANGE = '(?: (?:en|of|tot|tot en met|t/m) |[-–])';
/** Fewer words make a bare month a date than a year: "het boek van mei", "een voorkeur voor april". */
const MONTH_CUE = '(?<=(?<![\\p{L}\\p{N}])(?:in|sinds|vanaf|tot|rond|per|tegen|vóór|eind|begin|medio|half|halverwege) )';
const MOD_WORDS = 'begin|eind|einde|half|medio|midden|halverwege|halfweg';
const MOD_WORD = `(?<mod>${MOD_WORDS})`;
const MOD = `(?:${MOD_WORD} )?`;
/** A mod before a stretch with "van": "het begin van", "eind", "de eerste helft van" (a half is the start or end of it). */
const MOD_OF = `(?:(?:het )?${MOD_WORD} (?:van )?|de (?<half>eerste|tweede) helft van )`;
/** Last, this, next: "vorige week", "dit jaar", "komende zomer". */
const RELATIVE_WORDS = 'vorige|vorig|afgelopen|verleden|voorbije|voorbij|deze|dit|komende|komend|volgende|volgend|aanstaande';
const RELATIVE = `(?<relative>${RELATIVE_WORDS})`;
/** The finite verbs most often after a subject: "dinsdag de 22ste is de vergadering" (and no 22nd place). */
const AUXILIARIES = 'is|was|wordt|werd|zijn|waren|worden|werden|komt|kwam|gaat|ging|moet|moeten|zal|zullen|kan|kunnen|heeft|hebben|had';
/** Words after which a bare month or year is a time expression ("in 2019", "sinds maart"). */
const CUE_WORDS = 'in|sinds|vanaf|tot|na|voor|rond|omstreeks|circa|ca\\.|per|tegen|uit|van|vóór|tussen|eind|begin|medio|half|halverwege';
const CUE = `(?<=(?<![\\p{L}\\p{N}])(?:${CUE_WORDS}) )`;
/** The second year of a pair or a range whose first is one: "tussen 2019 en 2021", "in 2019 of 2020", "van 2019 tot en met 2021". */
const AFTER_A_YEAR = `(?<=(?<![\\p{L}\\p{N}])(?:${CUE_WORDS}) (?:1[89]|20)\\d\\d (?:en|of|tot en met|t/m) )`;

/** A decade as "de jaren …" names it: "negentig", "'80", "1980". */
const DECADE = "['’]?[2-9]0|(?:1[89]|20)\\d0|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig";
/** The seasons, and their months taken together ("de zomermaanden" is the summer). */
const SEASONS = 'lente|voorjaar|zomer|herfst|najaar|winter|lentemaanden|zomermaanden|herfstmaanden|wintermaanden';
const SEASON_WORDS: Record<string, Season> = {
  lente: 'SP', voorjaar: 'SP', zomer: 'SU', herfst: 'FA', najaar: 'FA', winter: 'WI',
  lentemaanden: 'SP', zomermaanden: 'SU', herfstmaanden: 'FA', wintermaanden: 'WI',
};
const MODS: Record<string, Mod> = { begin: 'START', eind: 'END', einde: 'END', half: 'MID', medio: 'MID', midden: 'MID', halverwege: 'MID', halfweg: 'MID' };
const WEEKDAY_NUMBERS: Record<string, number> = { maandag: 1, dinsdag: 2, woensdag: 3, donderdag: 4, vrijdag: 5, zaterdag: 6, zondag: 7 };

const DAY_WORDS = 'vandaag|eergisteren|eergister|gisteren|gister|overmorgen|morgen';
/**
 * How often something recurs, as the period between two times: [count, TIMEX unit] per word. Every
 * word is named: its first letters do not tell its unit ("wekelijks" is weekly, not "week…").
 */
const PERIODS: Record<string, [number, string]> = {
  dag: [1, 'D'], dagen: [1, 'D'], dagelijks: [1, 'D'], week: [1, 'W'], weken: [1, 'W'], wekelijks: [1, 'W'],
  maand: [1, 'M'], maanden: [1, 'M'], maandelijks: [1, 'M'], kwartaal: [3, 'M'], kwartalen: [3, 'M'],
  jaar: [1, 'Y'], jaren: [1, 'Y'], jaarlijks: [1, 'Y'], halfjaarlijks: [6, 'M'],
};
const ADVERBS_OF_FREQUENCY = 'dagelijks|wekelijks|maandelijks|halfjaarlijks|jaarlijks';
/** A count written before an adverb of frequency multiplies its period: "tweewekelijks", "driemaandelijks", "vierjaarlijks". */
const FREQUENCY_COUNTS = 'twee|drie|vier|vijf|zes|tien';
const ADVERB_OF_FREQUENCY = `(?:${FREQUENCY_COUNTS})?(?:${ADVERBS_OF_FREQUENCY})`;
/** "elke werkdag", "elk weekend": days of each week, coded as a weekday is (`XXXX-WXX-1`); `WD` after the `WE` of a weekend. */
const WEEK_PARTS: Record<string, string> = { werkdag: 'WD', weekend: 'WE' };
/** "twee keer per week", "tweemaal per jaar", "eens per maand". */
const TIMES = `(?:${COUNT}) (?:keer|maal)|(?:een|één|twee|drie|vier|vijf)maal|eens`;
/** Words for the present, the past and the future, with their value; `heden` and `recent` only in some places (their rule). */
const REFERENCE_VALUES: Readonly<Record<string, 'PRESENT_REF' | 'PAST_REF' | 'FUTURE_REF'>> = {
  ...Object.fromEntries(['nu', 'momenteel', 'tegenwoordig', 'thans', 'op dit moment', 'vandaag de dag', 'heden ten dage', 'dezer dagen', 'heden'].map((word) => [word, 'PRESENT_REF'])),
  ...Object.fromEntries(['vroeger', 'destijds', 'in het verleden', 'onlangs', 'recent', 'recentelijk', 'kortgeleden', 'kort geleden', 'de laatste tijd'].map((word) => [word, 'PAST_REF'])),
  ...Object.fromEntries(['binnenkort', 'straks', 'eerdaags', 'in de toekomst', 'in de nabije toekomst', 'op korte termijn'].map((word) => [word, 'FUTURE_REF'])),
};
const REFERENCES = Object.keys(REFERENCE_VALUES).filter((word) => word !== 'heden' && word !== 'recent').join('|');
/** Words that make the next an adjective: articles, pronouns and words of degree. */
const BEFORE_ADJECTIVE = 'een|het|de|dit|dat|deze|die|zijn|haar|hun|ons|mijn|jouw|uw|ander|elk|ieder|zeer|heel|erg|vrij|relatief|te|zo|meest|minder|niet';

/** The first word of each alternative: "op dit moment|nu" → "op|nu". */
const firstWords = (alternatives: string) => alternatives.replace(/ [^|]*/g, '');

const lower = (text: string | undefined) => text?.toLowerCase();
const modOf = (groups: Record<string, string | undefined>): Mod | undefined =>
  groups.half ? (lower(groups.half) === 'eerste' ? 'START' : 'END') : groups.mod ? MODS[groups.mod.toLowerCase()] : undefined;

/** A part of the day makes a day a TIME with its code (`maandagavond` → `TEV`); anything else leaves a DATE. */
function partOfDay(word: string | undefined): { type: TimexType; suffix: string } {
  const code = word === undefined ? undefined : PARTS[word.toLowerCase()];
  return code ? { type: 'TIME', suffix: `T${code}` } : { type: 'DATE', suffix: '' };
}

/** Between the days of a range: "maandag tot en met vrijdag", "zaterdag en zondag", "dinsdag-donderdag", "maandag of dinsdag". */
const WEEKDAY_TO = '(?: (?:tot en met|t/m|tot|en|of) | ?[-–] ?)';

/** A count as written before a unit, "anderhalf" too. */
const countOf = (written: string) => (written.toLowerCase() === 'anderhalf' ? 1.5 : countValue(written));

/** After a day, a word that says which way it lies, whatever the verb: "vrijdag jl.", "3 maart aanstaande". */
const DAY_SUFFIX = "(?: (?<suffix>aanstaande|a\\.s\\.|jongstleden|jl\\.|j\\.l\\.|ll\\.|l\\.l\\.))?";
const suffixOffset = (suffix: string | undefined) => (suffix === undefined ? undefined : /^a/iu.test(suffix) ? 1 : -1);

/** -1 for last, 0 for this, +1 for next; undefined without such a word. */
function offsetOf(relative: string | undefined): number | undefined {
  const word = lower(relative);
  if (word === undefined) return undefined;
  if (['vorige', 'vorig', 'afgelopen', 'verleden', 'voorbije', 'voorbij'].includes(word)) return -1;
  if (['deze', 'dit'].includes(word)) return 0;
  return 1;
}

/** The given weekday nearest the day in the direction the clause looks. */
function weekdayFrom(day: Day, weekday: number, direction: Tense | 'before' | 'after'): Day {
  const ahead = (weekday - weekdayOf(day) + 7) % 7;
  if (direction === 'past' || direction === 'before') return addDays(day, -((7 - ahead) % 7 || (direction === 'before' ? 7 : 0)));
  if (direction === 'future' || direction === 'after') return addDays(day, ahead || 7);
  return addDays(day, ahead);
}

/** A day and month without a year: the occurrence the clause's tense points at. */
function yearFor(day: Day, month: number, dayOfMonth: number | undefined, tense: Tense): number {
  const { year } = civilOf(day);
  const sameYear = dayOf(year, month, Math.min(dayOfMonth ?? 1, daysInMonth(year, month)));
  const after = dayOfMonth === undefined ? dayOf(year, month, daysInMonth(year, month)) : sameYear;
  if (tense === 'past' && sameYear > day) return year - 1;
  if (tense === 'future' && after < day) return year + 1;
  return year;
}

function seasonNear(day: Day, season: Season, offset: number | undefined, tense: Tense): Candidate {
  const year = yearOf(day);
  const around = [year - 2, year - 1, year, year + 1].map((year) => seasonCandidate(year, season));
  const containing = around.find((c) => c.first <= day && day <= c.last);
  const before = around.filter((c) => c.last < day).at(-1)!;
  const after = around.find((c) => c.first > day)!;
  if (offset === -1 || (offset === undefined && tense === 'past')) return before;
  if (offset === 1 || (offset === undefined && tense === 'future')) return after;
  return containing ?? (tense === 'past' ? before : after);
}

/** Words that count back or on from the time the story is at: "een dag eerder", "twee jaar daarna", "de week ervoor". */
const EARLIER = 'eerder|daarvoor|ervoor|voordien';
const LATER = 'later|daarna|erna|nadien|daarop';
const LATER_WORDS = new RegExp(`^(?:${LATER})$`, 'iu');
/** "een uur later dan gepland" compares two times: the count is a difference, no time. */
const NOT_THAN = '(?! dan(?![\\p{L}\\p{N}]))';
/**
 * What "die", "de … erna" count in: the day, a part of it, the week or month the story is at ("dat jaar", "het jaar erna"
 * take their own article). Not "morgen": "die morgen" is as often "who tomorrow".
 */
const STORY_UNITS = 'dag|ochtend|middag|avond|nacht|week|maand';

/** Units in the plural, which "de afgelopen", "de komende" take with or without a count (a count also takes "jaar" and "uur"). */
const COUNTED_UNITS = 'dagen|weken|maanden|jaren|uren|minuten|eeuwen|decennia';

/** Counts more than a few and not said: "tientallen jaren", "vele uren". */
const MANY = 'tientallen|honderden|duizenden|vele|talloze|ettelijke';

/** The stretches "vorige", "deze" and "volgende" count in. */
const CALENDAR_UNITS = 'week|weekend|maand|jaar|kwartaal|halfjaar|decennium|eeuw';

/** The week, weekend, month, quarter, half year, year or century `offset` of them from the day's. */
function calendarUnitCandidate(day: Day, unit: string, offset: number): Candidate {
  if (unit === 'weekend') return weekendCandidate(addDays(day, 7 * offset));
  if (unit === 'halfjaar') {
    const moved = monthsLater(day, 6 * offset);
    return halfCandidate(moved.year, moved.month <= 6 ? 1 : 2);
  }
  if (unit === 'kwartaal') {
    const moved = monthsLater(day, 3 * offset);
    return quarterCandidate(moved.year, Math.ceil(moved.month / 3));
  }
  if (unit === 'eeuw') return centuryCandidate((Math.floor(yearOf(day) / 100) + offset) * 100);
  if (unit === 'decennium') return decadeCandidate((Math.floor(yearOf(day) / 10) + offset) * 10);
  return shifted(day, unit, offset)!;
}

/** How many ISO weeks a year has: 52, or 53 when 28 December (always in the year's last week) is in week 53. */
const weeksIn = (year: number) => isoWeekOf(dayOf(year, 12, 28)).week;

const DURATION_UNITS: Record<string, string> = {
  dag: 'D', dagen: 'D', week: 'W', weken: 'W', maand: 'M', maanden: 'M', jaar: 'Y', jaren: 'Y',
  uur: 'TH', uren: 'TH', minuut: 'TM', minuten: 'TM', seconde: 'TS', seconden: 'TS', kwartier: 'TQ', eeuw: 'C', eeuwen: 'C',
  etmaal: 'D', etmalen: 'D', decennium: 'E', decennia: 'E',
};
const UNITS = Object.keys(DURATION_UNITS).sort((a, b) => b.length - a.length).join('|');

/** `P6M`, `PT10M`, `PXM` (an unknown number of months), a quarter of an hour as `PT15M`. */
function durationValue(count: number | 'X', unit: string): string {
  const code = DURATION_UNITS[unit.toLowerCase()]!;
  if (code === 'TQ') return count === 'X' ? 'PTXM' : `PT${count * 15}M`;
  if (code === 'C') return count === 'X' ? 'PXY' : `P${count * 100}Y`;
  if (code === 'E') return count === 'X' ? 'PXY' : `P${count * 10}Y`;
  return code.startsWith('T') ? `PT${count}${code[1]}` : `P${count}${code}`;
}

/** Moves a day by whole units, and gives the stretch of that unit it falls in. */
function shifted(day: Day, unit: string, amount: number): Candidate | undefined {
  const code = DURATION_UNITS[unit.toLowerCase()];
  if (code === 'D') return dayCandidate(addDays(day, amount));
  if (code === 'W') return weekCandidate(addDays(day, 7 * amount));
  if (code === 'M') return monthCandidateAfter(day, amount);
  if (code === 'Y') return yearCandidate(yearOf(day) + amount);
  return undefined;
}

/**
 * A clock time as TIMEX writes it. Said hours are a 12-hour clock: "half drie" in the news is
 * 14:30, unless the text says "'s nachts" or "'s ochtends"; "'s avonds" and "'s middags" move any
 * morning hour to the afternoon, "twaalf uur 's nachts" is midnight.
 */
function clock(hour: number, minute: number, twentyFourHour: boolean, period: string | undefined): string {
  let value = hour;
  if (period === 'avonds' || period === 'middags' || period === 'namiddags') value = hour < 12 ? hour + 12 : hour;
  else if (period !== undefined) value = hour === 12 ? 0 : hour;
  else if (!twentyFourHour && hour >= 1 && hour <= 6) value = hour + 12;
  return `T${String(value % 24).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The part of the day that makes a 12-hour clock unambiguous. */
const PERIOD_WORDS = 'nachts|ochtends|morgens|voormiddags|middags|namiddags|avonds';
/** A clock time in digits, as the first of a range: "9", "14.00", "9:30". */
const RANGE_HOUR = '[0-2]?\\d(?:[.:][0-5]\\d)?';
/** An hour past noon, which no duration "tussen 9 en …" ends on: "tussen 9 en 17 uur". */
const AFTERNOON_HOUR = '(?:1[3-9]|2[0-3])(?:[.:][0-5]\\d)? uur';
/**
 * The start of a range that only a clock reads: "van 9 tot", "van 9-", "tussen 14 en", "tussen 9.30 en", "tussen 9 en"
 * before an hour past noon ("tussen 2 en 4 uur cel" is a duration).
 */
const CLOCK_RANGE = `van ${RANGE_HOUR}(?: tot |[-–])|tussen (?:[0-2]?\\d[.:][0-5]\\d|1[3-9]|2[0-3]) en |tussen [0-2]?\\d en (?=${AFTERNOON_HOUR})`;
/**
 * Words after which a number is a clock time: "om 9.30", "rond 15 uur", "'s avonds om 8 uur", "tussen 14 en 16 uur",
 * "iets over zeven uur" (a little past seven: no duration, and no "over een uur" either).
 */
const CLOCK_CUE = `(?<=(?<![\\p{L}\\p{N}])(?:(?:['’]s (?<periodBefore>${PERIOD_WORDS}) )?(?:om|omstreeks|rond|tegen|vanaf|tot|sinds|klokslag|(?:iets|net|even|kort) (?:over|na|voor)) |${CLOCK_RANGE}))`;
/** The forms of "duren": an hour after them is how long ("duurde 14 uur in de nacht"). */
const LASTED = '(?:duurt|duurde|duurden|duren|geduurd)';
/**
 * A day, whose time of day an hour right after it is ("dinsdag 9 uur", "3 maart 14.30"), unless a
 * form of "duren" before the day asks how long ("duurde dinsdag 9 uur").
 */
const DAY_CUE = `(?<=(?<![\\p{L}\\p{N}])(?<!${LASTED} )(?:(?:${WEEKDAYS}|${DAY_WORDS})(?:${PARTS_OF_DAY})?|van(?:${PARTS_OF_DAY})|[0-3]?\\d (?:${MONTHS}|(?:${ABBREVIATED_MONTHS})\\.?)(?: (?:1[89]|20)\\d\\d)?),? )`;
const PERIOD = `(?: ['’]s (?<period>${PERIOD_WORDS}))?`;

const HOUR_WORDS = 'een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf';
/** The hours as said after a word of clock time: "tegen vijven", "even na tienen". */
const HOURS_IN_EN: Record<string, number> = {
  enen: 1, tweeën: 2, drieën: 3, vieren: 4, vijven: 5, zessen: 6, zevenen: 7, achten: 8, negenen: 9, tienen: 10, elven: 11, twaalven: 12,
};
/** "om" before a clock time: "op de 20e om 19 uur" ("om de hoek" is no clock). */
const AT_CLOCK = ` om (?:\\d|(?:${HOUR_WORDS}|half|kwart)${END})`;

/** Between the years of a range: "2021-2022", "2001 - 2002", "2020/2021". */
const YEAR_TO = '(?: ?[-–] ?|/)';
/** Years named after the kind of year they are: "boekjaar 2021". */
const YEAR_KINDS = 'boekjaar|schooljaar|academiejaar|begrotingsjaar|kalenderjaar|werkjaar|seizoen';

/**
 * The second year of a range ("2021-2022", "2021-22"): undefined unless it comes after the first, within a century;
 * in two digits, within ten years ("1999-12", "2021-04" are numbers of an article or a file).
 */
function yearAfter(first: number, second: string): number | undefined {
  if (second.length === 2) {
    const ahead = (Number(second) - (first % 100) + 100) % 100;
    return ahead >= 1 && ahead <= 10 ? first + ahead : undefined;
  }
  const year = Number(second);
  return year > first && year - first <= 100 ? year : undefined;
}

/**
 * A two-digit year ("07-11-21", "'21") is the one of its century that lies at most twenty years
 * after the publication year.
 */
function fullYear(twoDigits: number, day: Day): number {
  const published = yearOf(day);
  const year = published - (published % 100) + twoDigits;
  return year > published + 20 ? year - 100 : year;
}

/** The year written after a date ("2021", "negentienhonderdnegentig") or counted from the publication's ("vorig jaar"). */
function writtenYearOf(groups: Record<string, string | undefined>): ((day: Day) => number) | undefined {
  const year = yearNumber(groups.year);
  if (year !== undefined) return () => year;
  const shift = offsetOf(groups.yearShift);
  return shift === undefined ? undefined : (day) => yearOf(day) + shift;
}

/**
 * A day of a month, in the year written in full or in two digits or counted ("3 maart vorig jaar"),
 * else in the year the clause's tense points at. 31 april never happens, 29 februari only in leap
 * years: neither is bent into another day. A two-digit year is checked as one of the 1900s, whose
 * leap years the 2000s share (but for 2000: 29-02-00 is not taken).
 */
function dayOfMonthMeaning(month: number, dayOfMonth: number, written: Record<string, string | undefined> = {}): Meaning | undefined {
  const year = yearNumber(written.year);
  const inWrittenYear = writtenYearOf(written);
  const twoDigitYear = written.twoDigitYear !== undefined ? Number(written.twoDigitYear) : undefined;
  const checked = year ?? (twoDigitYear !== undefined ? 1900 + twoDigitYear : undefined);
  const longest = checked !== undefined ? daysInMonth(checked, month) : month === 2 ? 29 : daysInMonth(2021, month);
  if (dayOfMonth < 1 || dayOfMonth > longest) return undefined;
  return {
    type: 'DATE',
    candidate(day, tense) {
      if (twoDigitYear !== undefined) return dayCandidate(dayOf(fullYear(twoDigitYear, day), month, dayOfMonth));
      if (inWrittenYear !== undefined) {
        // Only a counted year can lack a 29 February ("29 februari vorig jaar" in 2022): its last day stands for it.
        const inYear = inWrittenYear(day);
        return dayCandidate(dayOf(inYear, month, Math.min(dayOfMonth, daysInMonth(inYear, month))));
      }
      let inYear = yearFor(day, month, dayOfMonth, tense());
      while (dayOfMonth > daysInMonth(inYear, month)) inYear += tense() === 'past' ? -1 : 1;
      return dayCandidate(dayOf(inYear, month, dayOfMonth));
    },
  };
}

/**
 * A month written as a name: an abbreviation without its dot and without a year, written with a
 * capital, is a name ("3 Jan", "de derde Jan") rather than a month.
 */
function namedMonth(groups: Record<string, string | undefined>): number | undefined {
  const name = groups.month!;
  const month = monthNumber(name)!;
  const abbreviated = monthName(month) !== name.toLowerCase().replace(/\.$/, '');
  return abbreviated && !name.endsWith('.') && groups.year === undefined && /^\p{Lu}/u.test(name) ? undefined : month;
}

/**
 * The day of a month numbered so nearest the publication day, in the direction the clause looks;
 * a month too short for it ("de eenendertigste" in April) is passed over.
 */
function dayOfMonthNear(day: Day, dayOfMonth: number, tense: Tense): Day {
  const today = civilOf(day).day;
  const step = tense === 'past' ? -1 : 1;
  let months = (tense === 'past' && dayOfMonth > today) || (tense === 'future' && dayOfMonth < today) ? step : 0;
  for (;; months += step) {
    const { year, month } = monthsLater(day, months);
    if (dayOfMonth <= daysInMonth(year, month)) return dayOf(year, month, dayOfMonth);
  }
}

/**
 * The day of a month numbered so that is the given weekday ("maandag de 3e"), nearest the publication day in the
 * direction the clause looks; without one within two years, the day of the month alone.
 */
function weekdayOfMonthNear(day: Day, dayOfMonth: number, weekday: number, tense: Tense): Day {
  const nearest = dayOfMonthNear(day, dayOfMonth, tense);
  const step = tense === 'past' ? -1 : 1;
  let found = nearest;
  for (let n = 0; n < 24 && weekdayOf(found) !== weekday; n++) found = dayOfMonthNear(found + step, dayOfMonth, tense === 'past' ? 'past' : 'future');
  return weekdayOf(found) === weekday ? found : nearest;
}

/** A month, with the year the clause's tense points at when none is written. */
function monthMeaning(groups: Record<string, string | undefined>): Meaning {
  const month = monthNumber(groups.month!)!;
  const year = writtenYearOf(groups);
  return {
    type: 'DATE',
    mod: modOf(groups),
    candidate: (day, tense) => monthCandidate(year?.(day) ?? yearFor(day, month, undefined, tense()), month),
  };
}


/** A holiday's name is no part of a longer word or of a hyphenated one ("kerstboom", "Pasen-actie", "Paasheuvel"). */
const HOLIDAY_START = '(?<![\\p{L}\\p{N}-])';
const HOLIDAY_END = '(?![\\p{L}\\p{N}]|-\\p{L})';
const nameAlternatives = (names: Iterable<string>) => [...names].sort((a, b) => b.length - a.length).join('|');
const UNCUED_HOLIDAY_NAMES = nameAlternatives(Object.keys(HOLIDAYS).filter((name) => !CUED_HOLIDAYS.has(name)));
/** "Pasen 2021", "kerst van vorig jaar", "Pinksteren in 2019". */
const HOLIDAY_YEAR = `(?: ${YEAR_OR_SHIFT}| in ${YEAR})?`;
/** The first word of each name: "goede vrijdag|maria-hemelvaart" → "goede|maria". */
const firstWordsOf = (alternatives: string) => [...new Set(alternatives.split('|').map((name) => name.split(/[ -]/)[0]!))].join('|');

/** A holiday: in the year written, else the one the relative word or the clause's tense points at. */
function holidayMeaning(groups: Record<string, string | undefined>): Meaning | undefined {
  const name = groups.holiday!;
  const holiday = HOLIDAYS[name.toLowerCase()];
  if (holiday === undefined || (CAPITALIZED_HOLIDAYS.has(name.toLowerCase()) && !/^\p{Lu}/u.test(name))) return undefined;
  const { type, suffix } = partOfDay(holiday.part && Object.keys(PARTS).find((part) => PARTS[part] === holiday.part));
  const candidate = (date: Day) => dayCandidate(date, suffix);
  if (groups.year !== undefined) {
    const date = holidayIn(holiday, yearNumber(groups.year)!);
    return date === undefined ? undefined : { type, candidate: () => candidate(date) };
  }
  const offset = offsetOf(groups.relative);
  const shift = groups.yearShift !== undefined ? offsetOf(groups.yearShift) : undefined;
  return {
    type,
    candidate(day, tense) {
      const year = yearOf(day);
      if (shift !== undefined) return candidate(holidayIn(holiday, year + shift) ?? holidayNear(holiday, day, year + shift, shift < 0 ? 'past' : 'future'));
      return candidate(holidayNear(holiday, day, year, offset === -1 ? 'before' : offset === 1 ? 'after' : offset === 0 ? 'present' : tense()));
    },
  };
}

export const RULES: readonly Rule[] = [
  // vandaag, gisteren, eergisteren, morgen, overmorgen, gisteravond, morgenochtend, morgenvroeg, vanavond, afgelopen nacht
  {
    pattern: `${START}(?<!(?:de|die|een|zo['’]n|['’]s|\\p{L}{2,}e) )(?:(?:eerder|later) )?(?:(?<day>${DAY_WORDS})(?:${PART_OF_DAY}|(?<early>vroeg))?|van(?<today>${PARTS_OF_DAY})|deze (?<thisPart>${PARTS_OF_DAY})|(?<lastNight>afgelopen|vorige|voorbije) (?<thisPart>nacht))${END}`,
    opens: `eerder|later|deze|afgelopen|vorige|voorbije|(?:${DAY_WORDS})(?:${PARTS_OF_DAY}|vroeg)?|van(?:${PARTS_OF_DAY})`,
    priority: 2,
    meaning(groups) {
      // "afgelopen nacht" began the day before; "morgenvroeg" is early tomorrow morning.
      const word = groups.lastNight ? 'gisteren' : (lower(groups.day) ?? 'vandaag');
      // A word the table does not know ("giſteren": the long s matches s case-insensitively) counts as today, as it did before.
      const offset = { vandaag: 0, gisteren: -1, gister: -1, eergisteren: -2, eergister: -2, morgen: 1, overmorgen: 2 }[word] ?? 0;
      const { type, suffix } = partOfDay(groups.part ?? groups.today ?? groups.thisPart ?? (groups.early && 'ochtend'));
      return { type, candidate: (day) => dayCandidate(addDays(day, offset), suffix) };
    },
  },
  // vorige week dinsdag, volgende week vrijdag, maandag volgende week, dinsdagavond van vorige week
  {
    pattern: `${START}(?:${RELATIVE} week (?<weekday>${WEEKDAYS})${PART_OF_DAY}?|(?<weekday>${WEEKDAYS})${PART_OF_DAY}? (?:van )?${RELATIVE} week)${END}`,
    opens: `${RELATIVE_WORDS}|(?:${WEEKDAYS})(?:${PARTS_OF_DAY})?`,
    priority: 3,
    meaning(groups) {
      const weeks = offsetOf(groups.relative)!;
      const weekday = WEEKDAY_NUMBERS[lower(groups.weekday)!]!;
      const { type, suffix } = partOfDay(groups.part);
      return { type, candidate: (day) => weekdayCandidate(addDays(mondayOf(day), 7 * weeks + weekday - 1), suffix) };
    },
  },
  // vrijdag, maandagavond, afgelopen zondag, komende woensdagmiddag, vrijdag jl., zondag aanstaande
  {
    pattern: `${START}(?:${RELATIVE} )?(?<weekday>${WEEKDAYS})${PART_OF_DAY}?${DAY_SUFFIX}${END}`,
    opens: `${RELATIVE_WORDS}|(?:${WEEKDAYS})(?:${PARTS_OF_DAY})?`,
    priority: 2,
    meaning(groups) {
      const weekday = WEEKDAY_NUMBERS[lower(groups.weekday)!]!;
      const offset = offsetOf(groups.relative) ?? suffixOffset(groups.suffix);
      const { type, suffix } = partOfDay(groups.part);
      return {
        type,
        candidate: (day, tense) => weekdayCandidate(weekdayFrom(day, weekday, offset === -1 ? 'before' : offset === 1 ? 'after' : tense()), suffix),
      };
    },
  },
  // (van) maandag tot en met vrijdag, zaterdag en zondag, dinsdag-donderdag: both days of one stretch, which lies where the
  // clause points (the last day counted back in the past tense, the first counted on otherwise)
  {
    pattern: `${START}(?<weekday>${WEEKDAYS})(?=${WEEKDAY_TO}(?<last>${WEEKDAYS})${END})|(?<=(?<![\\p{L}\\p{N}])(?<first>${WEEKDAYS})${WEEKDAY_TO})(?<weekday>${WEEKDAYS})${END}`,
    opens: WEEKDAYS,
    priority: 3,
    meaning(groups) {
      const weekdayOfWord = (word: string) => WEEKDAY_NUMBERS[word.toLowerCase()]!;
      const first = weekdayOfWord(groups.first ?? groups.weekday!);
      const last = weekdayOfWord(groups.last ?? groups.weekday!);
      const length = (last - first + 7) % 7;
      const isLast = groups.first !== undefined;
      return {
        type: 'DATE',
        candidate(day, tense) {
          const direction = tense();
          const start = direction === 'past' ? weekdayFrom(day, last, 'past') - length : weekdayFrom(day, first, direction);
          return weekdayCandidate(isLast ? start + length : start);
        },
      };
    },
  },
  // vandaag over een week, maandag over twee weken: the day (a weekday the next one) that many weeks on
  {
    pattern: `${START}(?:(?<day>vandaag|morgen|overmorgen)|(?<weekday>${WEEKDAYS})) over (?<count>een|één|twee|drie|vier) (?:week|weken)${END}`,
    opens: `vandaag|morgen|overmorgen|${WEEKDAYS}`,
    priority: 3,
    meaning(groups) {
      const weeks = countValue(groups.count!)!;
      const weekday = groups.weekday === undefined ? undefined : WEEKDAY_NUMBERS[lower(groups.weekday)!]!;
      const offset = { vandaag: 0, morgen: 1, overmorgen: 2 }[lower(groups.day) ?? 'vandaag']!;
      return {
        type: 'DATE',
        candidate: (day) => dayCandidate((weekday === undefined ? addDays(day, offset) : weekdayFrom(day, weekday, 'after')) + 7 * weeks),
      };
    },
  },
  // de nacht van zaterdag op zondag, de nacht van 3 op 4 maart: the night that begins on the first day
  {
    pattern: `${START}(?:de )?nacht van (?:(?<weekday>${WEEKDAYS}) op (?<next>${WEEKDAYS})|(?<dayOfMonth>[0-3]?\\d) op (?<nextDay>[0-3]?\\d) ${MONTH_NAME}(?: ${YEAR_OR_SHIFT})?)${END}`,
    opens: 'de|nacht',
    priority: 3,
    meaning(groups) {
      if (groups.dayOfMonth !== undefined) {
        const month = namedMonth(groups);
        const first = Number(groups.dayOfMonth);
        const date = month === undefined || Number(groups.nextDay) !== first + 1 ? undefined : dayOfMonthMeaning(month, first, groups);
        if (date === undefined || !('candidate' in date)) return undefined;
        return { type: 'TIME', candidate: (day, tense) => withSuffix(date.candidate(day, tense), 'TNI') };
      }
      const weekday = WEEKDAY_NUMBERS[lower(groups.weekday)!]!;
      if (WEEKDAY_NUMBERS[lower(groups.next)!] !== (weekday % 7) + 1) return undefined;
      // Told in the past, the night has ended: its second day is the publication day at the latest.
      return {
        type: 'TIME',
        candidate(day, tense) {
          const direction = tense();
          return weekdayCandidate(direction === 'past' ? weekdayFrom(addDays(day, -1), weekday, 'past') : weekdayFrom(day, weekday, direction), 'TNI');
        },
      };
    },
  },
  // de week van 3 januari, het weekend van 8 en 9 januari, de week van maandag 17 januari 2022: the week or weekend of that day
  {
    pattern: `${START}(?:de (?<week>week)|het weekend) van (?:(?:${WEEKDAYS}) )?(?<dayOfMonth>[0-3]?\\d)(?: (?:en|op|tot|t/m) [0-3]?\\d)? ${MONTH_NAME}(?: ${YEAR_OR_SHIFT})?${END}${NO_COMPOUND}`,
    opens: 'de|het',
    priority: 3,
    meaning(groups) {
      const month = namedMonth(groups);
      const date = month === undefined ? undefined : dayOfMonthMeaning(month, Number(groups.dayOfMonth), groups);
      if (date === undefined || !('candidate' in date)) return undefined;
      const stretch = groups.week !== undefined ? weekCandidate : weekendCandidate;
      return { type: 'DATE', candidate: (day, tense) => stretch(date.candidate(day, tense).first) };
    },
  },
  // vorige week, dit jaar, volgende maand, afgelopen weekend, eind vorig jaar, begin deze week, later deze week, halverwege de maand
  {
    pattern: `${START}(?:(?:${MOD_WORD} |(?:eerder|later) )?(?:het )?${RELATIVE}|(?<mod>halverwege) (?:de|het)) (?<unit>${CALENDAR_UNITS})${END}`,
    opens: `${MOD_WORDS}|eerder|later|het|${RELATIVE_WORDS}`,
    priority: 2,
    meaning(groups) {
      // "halverwege de maand" is this month's middle.
      const offset = offsetOf(groups.relative) ?? 0;
      const unit = lower(groups.unit)!;
      return { type: 'DATE', mod: modOf(groups), candidate: (day) => calendarUnitCandidate(day, unit, offset) };
    },
  },
  // (aan) het begin van volgend jaar, eind van de week, het einde van de maand, het midden van maart, begin van 2021; de
  // eerste helft van januari, de tweede helft van de maand (a half of a month or week is its start or end; of a year, H1);
  // (in) de loop van de dag, de week, volgend jaar, (de maand) maart, 2023, de avond: that stretch, no part of it in
  // particular, the day and its parts the ones the story is at (as "later op de dag")
  {
    pattern: `${START}(?:(?:het )?${MOD_WORD}|de (?<half>eerste|tweede) helft|de (?<during>loop)) van (?:(?:de maand )?${MONTH_NAME}(?: ${YEAR_OR_SHIFT})?|(?:de|het|${RELATIVE}) (?<unit>dag|${CALENDAR_UNITS})|de (?<part>ochtend|voormiddag|middag|namiddag|avond|nacht)|${YEAR})${END}`,
    opens: `het|${MOD_WORDS}|de`,
    priority: 3,
    meaning(groups) {
      const unit = lower(groups.unit);
      // Only the course of a day is read: "aan het eind van de dag" is as often "in the end".
      if (groups.during === undefined && (unit === 'dag' || groups.part !== undefined)) return undefined;
      if (groups.half !== undefined && (groups.year !== undefined || unit === 'jaar')) return undefined;
      const mod = modOf(groups);
      if (groups.month !== undefined) return namedMonth(groups) === undefined ? undefined : { ...monthMeaning(groups), mod };
      if (groups.year !== undefined) return { type: 'DATE', mod, candidate: () => yearCandidate(yearNumber(groups.year)!) };
      const offset = offsetOf(groups.relative) ?? 0;
      const { type, suffix } = partOfDay(groups.part);
      if (unit === undefined || unit === 'dag') return { type, anaphoric: true, candidate: (day) => dayCandidate(addDays(day, offset), suffix) };
      return { type: 'DATE', mod, candidate: (day) => calendarUnitCandidate(day, unit, offset) };
    },
  },
  // week 12, in week 3 van 2021: an ISO week, of the publication year unless one is written. Not after any word
  // ("per week 12 euro", "deze week 12 doden"): at the start of a sentence, written Week, or after a preposition.
  {
    pattern: `(?:(?<=(?<![\\p{L}\\p{N}])(?<cue>in|van|sinds|vanaf|tot|t/m|rond|na|voor|vóór|uit|tijdens|begin|eind|medio|halverwege) )|${START})(?<word>week) (?<week>[1-5]?\\d)(?: ${YEAR_OR_SHIFT})?${END}(?! (?:${UNITS}|procent|euro|keer|maal)${END})`,
    opens: 'week',
    priority: 2,
    meaning(groups) {
      if (groups.cue === undefined && !groups.word!.startsWith('W')) return undefined;
      const week = Number(groups.week);
      // A year without a week 53 has its last week stand for it, as a month too short has its last day.
      if (week < 1 || week > 53) return undefined;
      const inYear = writtenYearOf(groups);
      return {
        type: 'DATE',
        candidate(day) {
          const year = inYear?.(day) ?? yearOf(day);
          return weekCandidate(mondayOf(dayOf(year, 1, 4)) + 7 * (Math.min(week, weeksIn(year)) - 1));
        },
      };
    },
  },
  // de tweede week van maart, de laatste week van het jaar, de eerste week van volgende maand: the ISO week whose
  // Thursday is that Thursday of the month or year (a week belongs to where its Thursday is); de eerste maandag van mei,
  // de laatste dag van het jaar, (op) de eerste dag van de maand: that day of it
  {
    pattern: `${START}de (?<nth>eerste|tweede|derde|vierde|laatste) (?<which>week|dag|${WEEKDAYS}) van (?:(?:de|het|${RELATIVE}) (?<unit>maand|jaar)|${MONTH_NAME}(?: ${YEAR_OR_SHIFT})?|${YEAR})${END}`,
    opens: 'de',
    priority: 3,
    meaning(groups) {
      const nth = { eerste: 1, tweede: 2, derde: 3, vierde: 4, laatste: -1 }[lower(groups.nth)!]!;
      const month = groups.month !== undefined ? namedMonth(groups) : undefined;
      if (groups.month !== undefined && month === undefined) return undefined;
      const offset = offsetOf(groups.relative) ?? 0;
      const stretch = (day: Day, tense: () => Tense): Candidate => {
        if (month !== undefined) return monthCandidate(writtenYearOf(groups)?.(day) ?? yearFor(day, month, undefined, tense()), month);
        if (groups.year !== undefined) return yearCandidate(yearNumber(groups.year)!);
        return calendarUnitCandidate(day, lower(groups.unit)!, offset);
      };
      const which = lower(groups.which)!;
      // A week is found by its Thursday.
      const weekday = which === 'week' ? 4 : WEEKDAY_NUMBERS[which];
      const nthDay = ({ first, last }: Candidate): Day => {
        if (weekday === undefined) return nth > 0 ? first + nth - 1 : last;
        return nth > 0 ? first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (nth - 1) : last - ((weekdayOf(last) - weekday + 7) % 7);
      };
      return {
        type: 'DATE',
        candidate(day, tense) {
          const found = nthDay(stretch(day, tense));
          return which === 'week' ? weekCandidate(found) : dayCandidate(found);
        },
      };
    },
  },
  // twee weken geleden, een dag eerder, drie maanden later, twee jaar daarvoor, over twee jaar; een paar dagen geleden,
  // enkele weken later (mod APPROX). After an article the count is a stretch ("de drie jaar daarop" lasted three years).
  {
    pattern: `${START}(?<!(?<![\\p{L}\\p{N}])de )(?:(?<over>over|binnen) )?(?:(?<few>${FEW})|(?<count>${COUNT}|anderhalf)) (?<unit>dagen|dag|weken|week|maanden|maand|jaren|jaar)(?: (?<direction>geleden|terug|${EARLIER}|${LATER})${NOT_THAN})?${END}`,
    opens: `over|binnen|${COUNT}|anderhalf|${firstWords(FEW)}`,
    priority: 3,
    meaning(groups) {
      const direction = lower(groups.direction);
      if (!direction && !groups.over) return undefined;
      // Years and a half count in months: "anderhalf jaar geleden" is eighteen months back.
      const inMonths = /^ja/iu.test(groups.unit!) && groups.count !== undefined && !Number.isInteger(countOf(groups.count));
      const unit = inMonths ? 'maand' : groups.unit!;
      const counts = groups.few ? FEW_COUNTS : [inMonths ? countOf(groups.count!)! * 12 : countOf(groups.count!)];
      if (!counts.every((count) => count !== undefined && Number.isInteger(count))) return undefined;
      const sign = (direction !== undefined && LATER_WORDS.test(direction)) || groups.over ? 1 : -1;
      const moved = (day: Day) => counts.map((count) => shifted(day, unit, sign * count!)!);
      return {
        type: 'DATE',
        mod: groups.few ? 'APPROX' : undefined,
        anaphoric: direction !== undefined && direction !== 'geleden' && direction !== 'terug',
        candidate: (day) => mergedCandidate(moved(day)),
      };
    },
  },
  // de dag na Kerstmis, de dag voor 3 maart: a day from the date after it, or nothing
  {
    pattern: `${START}de dag(?= (?:na|voor|vóór) )`,
    opens: 'de',
    priority: 1,
    meaning: () => ({ type: 'DATE', value: 'P1D', span: { counts: [1], unit: 'D' }, spanOnly: true }),
  },
  // over een uur, over tien minuten, over een half uur, over een paar uur, twee uur geleden, een half uur later: a time of
  // the publication day (or of another when the hours make days), its clock unknown; counted from the time the story is
  // at after "later" or "eerder". "iets over zeven uur", "vijf over zeven" tell the clock instead.
  {
    pattern: `${START}(?:(?<!(?:iets|net|even|kwart|vijf|tien|\\d{1,2}) )(?<over>over) )?(?:(?:(?<few>${FEW})|(?<count>${COUNT}|anderhalf|anderhalve)) (?<unit>uur|uren|minuut|minuten|kwartier)|(?:een )?(?<halfHour>half uur))(?: (?<direction>geleden|terug|${EARLIER}|${LATER})${NOT_THAN})?${END}(?! (?:durende|durend|lang|lange)${END})`,
    opens: `over|${COUNT}|anderhalf|anderhalve|${firstWords(FEW)}|half`,
    priority: 3,
    meaning(groups) {
      const direction = lower(groups.direction);
      if ((groups.over === undefined) === (direction === undefined)) return undefined;
      const count = groups.halfHour ? 0.5 : groups.few ? Math.max(...FEW_COUNTS) : lower(groups.count)!.startsWith('anderhal') ? 1.5 : countValue(groups.count!);
      if (count === undefined) return undefined;
      const hours = count * ({ minuut: 1 / 60, minuten: 1 / 60, kwartier: 1 / 4 }[lower(groups.unit) ?? 'uur'] ?? 1);
      const sign = direction === undefined || LATER_WORDS.test(direction) ? 1 : -1;
      return {
        type: 'TIME',
        mod: groups.few ? 'APPROX' : undefined,
        anaphoric: direction !== undefined && direction !== 'geleden' && direction !== 'terug',
        candidate: (day) => dayCandidate(addDays(day, sign * Math.floor(hours / 24)), 'TXX:XX'),
      };
    },
  },
  // 's avonds, 's nachts, (in) de ochtend, (in) de vroege ochtend: a part of the day the story is at. Before a clock time
  // ("'s avonds om 8 uur") the part only sets the clock; "de nacht van zaterdag op zondag" is the night of a day; "de
  // ochtend- en avondspits" a compound.
  {
    pattern: `${START}(?:['’]s (?<period>${PERIOD_WORDS})(?! (?:om|omstreeks|rond|tegen|vanaf|tot) )|(?<=(?<![\\p{L}\\p{N}])(?:in|tijdens|gedurende|(?:laat|vroeg) op) )de (?:vroege |late )?(?<part>${PARTS_OF_DAY})(?! van )(?!-))${END}`,
    opens: "['’]s|de",
    priority: 1,
    meaning(groups) {
      // "in De Morgen" is a newspaper.
      if (groups.part !== undefined && /^\p{Lu}/u.test(groups.part)) return undefined;
      const part = groups.part ?? { ochtends: 'ochtend', morgens: 'morgen', voormiddags: 'voormiddag', middags: 'middag', namiddags: 'namiddag', avonds: 'avond', nachts: 'nacht' }[lower(groups.period)!]!;
      const { type, suffix } = partOfDay(part);
      return { type, anaphoric: true, candidate: (day) => dayCandidate(day, suffix) };
    },
  },
  // de avond van 3 maart, de ochtend van vrijdag 7 mei, de vroege ochtend van 3 maart: a part of the date after it, or nothing
  {
    pattern: `${START}de (?:vroege |late )?(?<part>${PARTS_OF_DAY})(?= van )`,
    opens: 'de',
    priority: 1,
    // "De Morgen van zaterdag" is a newspaper's issue.
    meaning: (groups) => (/^\p{Lu}/u.test(groups.part!) ? undefined : { type: 'TIME', value: 'PT0S', partOnly: partOfDay(groups.part).suffix }),
  },
  // eerder op de dag, later die dag, die avond, datzelfde jaar, de dag erna, de week daarvoor, het jaar daarop, de volgende dag
  {
    pattern: `${START}(?:(?:eerder|later) (?:op de dag|op die dag|(?:die|diezelfde) dag)|(?:die|diezelfde|dezelfde) (?<which>${STORY_UNITS})|(?:dat|datzelfde|hetzelfde) (?<which>jaar)|(?:de (?<which>${STORY_UNITS})|het (?<which>jaar)) (?:(?<earlier>${EARLIER})|(?<later>${LATER}))|de (?<later>volgende) (?<which>dag|ochtend|middag|avond|nacht))${END}`,
    opens: 'eerder|later|die|diezelfde|dezelfde|dat|datzelfde|hetzelfde|de|het',
    priority: 3,
    meaning(groups) {
      const which = lower(groups.which) ?? 'dag';
      // "die dag" is the one the story is at; a word for after or before moves it one on or back.
      const offset = groups.earlier ? -1 : groups.later ? 1 : 0;
      const { type, suffix } = partOfDay(which);
      const unit = which in PARTS ? 'dag' : which;
      return {
        type,
        anaphoric: true,
        candidate: (day) => (which in PARTS || which === 'dag' ? dayCandidate(addDays(day, offset), suffix) : shifted(day, unit, offset)!),
      };
    },
  },
  // 24 februari, 3 maart 2023, vrijdag 3 maart 2023, 7 nov. 2021, 7 nov 2021, op eenendertig maart, 3 januari jl.
  {
    pattern: `${START}(?:(?:${WEEKDAYS}),? |${WEEKDAY_ABBREVIATION})?(?<dayOfMonth>[0-3]?\\d|(?!een )(?:${UNDER_HUNDRED_WORDS})) ${MONTH_NAME}(?: ${YEAR_OR_SHIFT})?${END}${NO_COMPOUND}${DAY_SUFFIX}`,
    // Never "een", the most frequent word of all ("een mei"): the first is written "één" or "1".
    opens: `${WEEKDAYS}|${WEEKDAY_ABBREVIATIONS}|\\d{1,2}|(?!een$)(?:${UNDER_HUNDRED_WORDS})`,
    priority: 2,
    meaning(groups) {
      const month = namedMonth(groups);
      const dayOfMonth = countValue(groups.dayOfMonth!);
      const meaning = month === undefined || dayOfMonth === undefined ? undefined : dayOfMonthMeaning(month, dayOfMonth, groups);
      const offset = suffixOffset(groups.suffix);
      if (meaning === undefined || offset === undefined || !('candidate' in meaning)) return meaning;
      const tense: Tense = offset < 0 ? 'past' : 'future';
      return { ...meaning, candidate: (day) => meaning.candidate(day, () => tense) };
    },
  },
  // van 1 tot 3 maart, tussen 3 en 5 mei 2021, 1-3 maart: the first day of a range, in the month (and year) of the second
  {
    pattern: `${START}(?<dayOfMonth>[0-3]?\\d)(?=(?: (?:en|of|tot|tot en met|t/m) |[-–])[0-3]?\\d ${MONTH_NAME}(?: ${YEAR_OR_SHIFT})?${END}${NO_COMPOUND})`,
    opens: '\\d{1,2}',
    priority: 1,
    meaning(groups) {
      const month = namedMonth(groups);
      return month === undefined ? undefined : dayOfMonthMeaning(month, Number(groups.dayOfMonth), groups);
    },
  },
  // de derde maart, 3e april 2023, 3de mei, vrijdag de twintigste maart
  {
    pattern: `${START}(?:(?:${WEEKDAYS}) )?(?:de )?(?<ordinal>${ORDINAL}) ${MONTH_NAME}(?: ${YEAR_OR_SHIFT})?${END}${NO_COMPOUND}`,
    opens: `${WEEKDAYS}|de|${ORDINAL}`,
    priority: 2,
    meaning(groups) {
      const month = namedMonth(groups);
      const dayOfMonth = ordinalNumber(groups.ordinal!);
      if (month === undefined || dayOfMonth === undefined) return undefined;
      return dayOfMonthMeaning(month, dayOfMonth, groups);
    },
  },
  // op de twintigste, tot de 3e, maandag de 3e: a day of the month the story is in; after a weekday, the nearest such
  // day that is that weekday. Only right before the end of a sentence, a ;, : or ) or "om" (after a weekday also a
  // comma or a finite verb), for "op de derde plaats" is no day.
  {
    pattern: `(?<=(?<![\\p{L}\\p{N}])(?:op|tot|vanaf|sinds|rond) )de (?<ordinal>${ORDINAL})(?=[.;:!?)]|$|${AT_CLOCK})|${START}(?<weekday>${WEEKDAYS}) de (?<ordinal>${ORDINAL})(?=[.;:!?),]|$|${AT_CLOCK}| (?:${AUXILIARIES}|en|of)${END})`,
    opens: `de|${WEEKDAYS}`,
    priority: 1,
    meaning(groups) {
      const dayOfMonth = ordinalNumber(groups.ordinal!);
      if (dayOfMonth === undefined || dayOfMonth < 1 || dayOfMonth > 31) return undefined;
      const weekday = groups.weekday === undefined ? undefined : WEEKDAY_NUMBERS[lower(groups.weekday)!];
      return {
        type: 'DATE',
        candidate: (day, tense) => dayCandidate(weekday === undefined ? dayOfMonthNear(day, dayOfMonth, tense()) : weekdayOfMonthNear(day, dayOfMonth, weekday, tense())),
      };
    },
  },
  // Pasen, Goede Vrijdag, tweede kerstdag, Koningsdag, afgelopen kerst, Pasen 2021, kerst vorig jaar; with a cue: met Sinterklaas
  {
    pattern: `${HOLIDAY_START}(?:${RELATIVE} )?(?<holiday>${UNCUED_HOLIDAY_NAMES})${HOLIDAY_YEAR}${HOLIDAY_END}`,
    opens: `${RELATIVE_WORDS}|${firstWordsOf(UNCUED_HOLIDAY_NAMES)}`,
    priority: 2,
    meaning: holidayMeaning,
  },
  {
    pattern: `(?:(?<=(?<![\\p{L}\\p{N}])(?:met|na|rond|tot|sinds|tijdens|vanaf) )|${HOLIDAY_START}(?=\\p{L}+ (?:van |in )?(?:1[89]|20)\\d\\d${END}))(?<holiday>${[...CUED_HOLIDAYS].join('|')})${HOLIDAY_YEAR}${HOLIDAY_END}`,
    opens: firstWordsOf([...CUED_HOLIDAYS].join('|')),
    priority: 2,
    meaning: holidayMeaning,
  },
  // 07-nov-2021, 07/nov/2021, 7-november-21: a month's name between digits
  {
    pattern: `${START}(?<dayOfMonth>[0-3]?\\d)(?<separator>[-/])(?<month>${MONTHS}|${ABBREVIATED_MONTHS})\\k<separator>(?:${YEAR}|(?<twoDigitYear>\\d\\d))(?![-/.]?\\d)${END}`,
    opens: '\\d{1,2}',
    priority: 2,
    meaning(groups) {
      return dayOfMonthMeaning(monthNumber(groups.month!)!, Number(groups.dayOfMonth), groups);
    },
  },
  // begin maart, eind december 2021, eind nov. 2021
  {
    pattern: `${START}${MOD_WORD} ${MONTH_NAME}(?: ${YEAR_OR_SHIFT})?${END}`,
    opens: MOD_WORDS,
    priority: 2,
    meaning: (groups) => (namedMonth(groups) === undefined ? undefined : monthMeaning(groups)),
  },
  // februari 2021, nov. 2021, sept 2020, nov-2021, maart vorig jaar
  { pattern: `${START}${MONTH_NAME}(?:-${YEAR}| ${YEAR_OR_SHIFT})${END}`, opens: `${MONTHS}|${ABBREVIATED_MONTHS}`, priority: 2, meaning: monthMeaning },
  // 2021 november, as tables and datelines write it: a month in full, not the start of a compound
  { pattern: `${START}${YEAR} (?<month>${MONTHS})${END}${NO_COMPOUND}`, opens: `\\d{4}|${YEAR_IN_WORDS_OPENS}`, priority: 1, meaning: monthMeaning },
  // A bare month needs a preposition to be one ("in maart"), or another month to make a range with ("maart tot mei 2021",
  // "tussen maart en mei": the first takes the year of the second); written with a capital, it is a name ("van Mei").
  {
    pattern: `${START}(?<month>${MONTHS})(?=${MONTH_RANGE}(?:${MONTHS})(?: ${YEAR_OR_SHIFT})?${END})|(?:${MONTH_CUE}|(?<=(?<![\\p{L}\\p{N}])(?:${MONTHS}) (?:en|of|tot en met|t/m) ))(?<month>${MONTHS})(?: ${YEAR_OR_SHIFT})?${END}`,
    opens: MONTHS,
    priority: 1,
    meaning: (groups) => (/^\p{Lu}/u.test(groups.month!) ? undefined : monthMeaning(groups)),
  },
  // (in) de maand mei, de maand maart van vorig jaar
  { pattern: `${START}de maand (?<month>${MONTHS})(?: ${YEAR_OR_SHIFT})?${END}`, opens: 'de', priority: 2, meaning: monthMeaning },
  // op 18/01, vanaf 03-02: a day and month in digits, the month in two, after a preposition ("op 2-1" is a score)
  {
    pattern: `(?<=(?<![\\p{L}\\p{N}])(?:op|vanaf|tot|sinds|per|t/m) )(?<day>[0-3]?\\d)[-/](?<month>[01]\\d)(?![-/.,]?\\d)${END}`,
    opens: '\\d{1,2}',
    priority: 1,
    meaning(groups) {
      const month = Number(groups.month);
      return month < 1 || month > 12 ? undefined : dayOfMonthMeaning(month, Number(groups.day));
    },
  },
  // in 2019, sinds 2014, begin 2021, tussen 2019 en 2021, in '98: a year after a preposition, a modifier or another year
  {
    pattern: `(?:${CUE}|${AFTER_A_YEAR}|${START}${MOD_WORD} )(?:${YEAR}|['’](?<twoDigitYear>\\d\\d))${END}`,
    opens: `${MOD_WORDS}|\\d{4}|['’]\\d\\d|${YEAR_IN_WORDS_OPENS}`,
    priority: 1,
    meaning(groups) {
      const year = yearNumber(groups.year);
      const twoDigits = Number(groups.twoDigitYear);
      return { type: 'DATE', mod: modOf(groups), candidate: (day) => yearCandidate(year ?? fullYear(twoDigits, day)) };
    },
  },
  // het jaar 2000, boekjaar 2021, het schooljaar 2021: a year named with the kind of year it is ("per jaar 2000 euro" is none)
  {
    pattern: `${START}(?:het jaar|(?:het )?(?:${YEAR_KINDS})) ${YEAR}${END}(?!${YEAR_TO}\\d)`,
    opens: `het|${YEAR_KINDS}`,
    priority: 2,
    meaning: (groups) => ({ type: 'DATE', candidate: () => yearCandidate(yearNumber(groups.year)!) }),
  },
  // 2021-2022, 1914-1918, het seizoen 2021-22, 2020/2021: a range of years is two years, the second after the first
  {
    pattern: `${START}(?<!\\p{N}[-–/])(?<year>(?:1[89]|20)\\d\\d)(?=${YEAR_TO}(?<second>(?:1[89]|20)\\d\\d|\\d\\d)${END}(?![-–/.,]\\d))|(?<=(?<![\\p{L}\\p{N}]|\\p{N}[-–/])(?<first>(?:1[89]|20)\\d\\d)${YEAR_TO})(?<year>(?:1[89]|20)\\d\\d|\\d\\d)${END}(?![-–/.,]\\d)`,
    opens: '\\d{4}|\\d\\d',
    priority: 2,
    meaning(groups) {
      const [first, second] = groups.first === undefined ? [Number(groups.year), groups.second!] : [Number(groups.first), groups.year!];
      const last = yearAfter(first, second);
      if (last === undefined) return undefined;
      const year = groups.first === undefined ? first : last;
      return { type: 'DATE', candidate: () => yearCandidate(year) };
    },
  },
  // de zomer van 2021, zomer 2021, de zomer van vorig jaar, deze winter, afgelopen zomer, komend voorjaar, (in) het najaar,
  // (na) de zomer
  {
    pattern: `${START}${MOD}(?:(?:de |het )?(?<season>${SEASONS}) ${YEAR_OR_SHIFT}|${RELATIVE} (?<relativeSeason>${SEASONS})|(?<=(?<![\\p{L}\\p{N}])(?:in|tijdens|na|voor|vóór|sinds|vanaf|rond|tot|gedurende) )(?:de|het) (?<bareSeason>${SEASONS}))${END}`,
    opens: `${MOD_WORDS}|de|het|${SEASONS}|${RELATIVE_WORDS}`,
    priority: 2,
    meaning(groups) {
      const season = SEASON_WORDS[lower(groups.season ?? groups.relativeSeason ?? groups.bareSeason)!]!;
      const year = writtenYearOf(groups);
      const offset = offsetOf(groups.relative);
      return {
        type: 'DATE',
        mod: modOf(groups),
        candidate: (day, tense) => (year !== undefined ? seasonCandidate(year(day), season) : seasonNear(day, season, offset, tense())),
      };
    },
  },
  // de eerste helft van 2022, de tweede helft van het jaar, het eerste halfjaar, de tweede jaarhelft van 2021, H1 2022
  {
    pattern: `${START}(?:(?:de|het) (?<half>eerste|tweede) (?:(?:helft|jaarhelft) van (?:${YEAR}|(?<thisYear>dit|het|vorig|volgend) jaar)|(?:jaarhelft|halfjaar)(?: ${YEAR_OR_SHIFT})?)|H(?<halfDigit>[12])[ -]${YEAR})${END}`,
    opens: 'de|het|h[12]',
    priority: 3,
    meaning(groups) {
      const half = groups.halfDigit !== undefined ? Number(groups.halfDigit) : lower(groups.half) === 'eerste' ? 1 : 2;
      const shift = { dit: 0, het: 0, vorig: -1, volgend: 1 }[lower(groups.thisYear) ?? 'dit']!;
      const written = writtenYearOf(groups);
      return { type: 'DATE', candidate: (day) => halfCandidate(written?.(day) ?? yearOf(day) + shift, half) };
    },
  },
  // het eerste kwartaal (van 2022), het 3e kwartaal, het derde kwartaal van vorig jaar
  {
    pattern: `${START}(?:het )?(?<ordinal>eerste|tweede|derde|vierde|[1-4](?:e|ste|de)) kwartaal(?: ${YEAR_OR_SHIFT})?${END}`,
    opens: 'het|eerste|tweede|derde|vierde|[1-4](?:e|ste|de)',
    priority: 2,
    meaning(groups) {
      const quarter = ordinalNumber(groups.ordinal!)!;
      const year = writtenYearOf(groups);
      return { type: 'DATE', candidate: (day) => quarterCandidate(year?.(day) ?? yearOf(day), quarter) };
    },
  },
  // Q3 2021, Q1-2022: a quarter as business news abbreviates it, with its year
  {
    pattern: `${START}Q(?<quarter>[1-4])[ -]${YEAR}${END}`,
    opens: 'q[1-4]',
    priority: 2,
    meaning(groups) {
      const quarter = Number(groups.quarter);
      const year = yearNumber(groups.year)!;
      return { type: 'DATE', candidate: () => quarterCandidate(year, quarter) };
    },
  },
  // in het weekend, na het weekend: the weekend the clause's tense points at
  {
    pattern: `(?<=(?<![\\p{L}\\p{N}])(?:in|tijdens|na|voor|vóór|sinds|vanaf|rond|tot) )het weekend${END}`,
    opens: 'het',
    priority: 1,
    meaning: () => ({
      type: 'DATE',
      candidate(day, tense) {
        const saturday = mondayOf(day) + 5;
        const weeks = tense() === 'past' ? (saturday <= day ? 0 : -1) : saturday + 1 >= day ? 0 : 1;
        return weekendCandidate(addDays(day, 7 * weeks));
      },
    }),
  },
  // de jaren negentig, de jaren '80, de jaren 2000, begin jaren zeventig, het begin van de jaren negentig, de late jaren
  // tachtig, de eerste helft van de jaren tachtig; the second of "de jaren zestig en zeventig"
  {
    pattern: `${START}${MOD_OF}?(?:de )?(?:(?<early>vroege|late) )?jaren (?<decade>${DECADE})${END}|(?<=(?<![\\p{L}\\p{N}])jaren (?:${DECADE}) (?:en|of|tot) )(?<decade>${DECADE})${END}`,
    opens: `het|${MOD_WORDS}|de|vroege|late|jaren|${DECADE}`,
    priority: 2,
    meaning(groups) {
      const decade = decadeValue(groups.decade!);
      const mod = groups.early === undefined ? modOf(groups) : lower(groups.early) === 'vroege' ? 'START' : 'END';
      return decade === undefined ? undefined : { type: 'DATE', mod, candidate: () => decadeCandidate(decade) };
    },
  },
  // de negentiende eeuw, de 21ste eeuw, het begin van de 20ste eeuw, de tweede helft van de twintigste eeuw
  {
    pattern: `${START}${MOD_OF}?(?:de )?(?<ordinal>${ORDINAL}) eeuw${END}`,
    opens: `het|${MOD_WORDS}|de|${ORDINAL}`,
    priority: 2,
    meaning(groups) {
      const century = ordinalNumber(groups.ordinal!);
      if (century === undefined || century < 1) return undefined;
      return { type: 'DATE', mod: modOf(groups), candidate: () => centuryCandidate((century - 1) * 100) };
    },
  },
  // 18-01-2022, 18/1/2022, 07-11-21, 7/11/'21, 2022-01-18, 2022-01-18T10:00, 07.11.2021: dates in digits, day first unless the year is.
  // With dots only with a year in full: "1.5.21" is as often a version or a score. Not the tail of a longer number
  // ("2021-01-03-77").
  {
    pattern: `${START}(?<!\\p{N}[-/])(?:(?<day>[0-3]?\\d)(?<separator>[-/])(?<month>[01]?\\d)\\k<separator>(?:(?<year>(?:19|20)\\d\\d)|['’]?(?<twoDigitYear>\\d\\d))|(?<day>[0-3]?\\d)\\.(?<month>[01]?\\d)\\.(?<year>(?:19|20)\\d\\d)|(?<isoYear>(?:19|20)\\d\\d)-(?<isoMonth>[01]\\d)-(?<isoDay>[0-3]\\d)(?:T(?<isoHour>[01]\\d|2[0-3]):(?<isoMinute>[0-5]\\d)(?<isoSecond>:[0-5]\\d)?)?)(?![-/.]?\\d)${END}`,
    opens: '\\d{1,2}|\\d{4}',
    priority: 2,
    meaning(groups) {
      const month = Number(groups.month ?? groups.isoMonth);
      if (month < 1 || month > 12) return undefined;
      const date = dayOfMonthMeaning(month, Number(groups.day ?? groups.isoDay), { year: groups.year ?? groups.isoYear, twoDigitYear: groups.twoDigitYear });
      if (groups.isoHour === undefined || date === undefined || !('candidate' in date)) return date;
      const time = `T${groups.isoHour}:${groups.isoMinute}${groups.isoSecond ?? ''}`;
      return { type: 'TIME', clock: time, candidate: (day, tense) => withSuffix(date.candidate(day, tense), time) };
    },
  },
  // 14:30 (uur), 14.05 uur, om 9.30, om 15 uur, om acht uur 's avonds, dinsdag 9 uur, morgen acht uur 's ochtends,
  // drie uur 's middags, vier uur in de ochtend (the part joins it in find.ts); as Flemish writes it, om 14u30, om 20u (only after a cue: a race run "in 4u42:32" took that long).
  // Right after a day an hour in words needs its part of the day: the news writes clock times in
  // digits, and "vandaag zeven uur Frans" is a duration.
  {
    pattern: `${START}(?:(?<hour>[0-2]?\\d):(?<minute>[0-5]\\d)(?: uur|u)?|(?:${CLOCK_CUE}|${DAY_CUE})(?<uHour>[01]?\\d|2[0-3])u(?<uMinute>[0-5]\\d)?|(?<saidHour>[0-2]?\\d|${HOUR_WORDS}) uur(?= ['’]s (?:${PERIOD_WORDS})${END})|(?<!${LASTED} )(?<saidHour>1[0-2]|0?[1-9]|${HOUR_WORDS}) uur(?= in de (?:vroege |late )?(?:${PARTS_OF_DAY})${END})|(?<dotHour>[0-2]?\\d)\\.(?<dotMinute>[0-5]\\d) uur|${CLOCK_CUE}(?<enHour>${Object.keys(HOURS_IN_EN).join('|')})|(?:${CLOCK_CUE}|${DAY_CUE})(?<cueHour>[0-2]?\\d)\\.(?<cueMinute>[0-5]\\d)u?|${CLOCK_CUE}(?<wholeHour>[0-2]?\\d|${HOUR_WORDS}) uur(?! (?:durende|lang|lange)${END})|${DAY_CUE}(?<dayHour>[0-2]?\\d|(?:${HOUR_WORDS})(?= uur ['’]s (?:${PERIOD_WORDS})${END})) uur(?! (?:durende|lang|lange)${END}))(?![.,:]\\d)${END}(?! (?:euro|dollar|pond|procent|meter|kilometer|kilo|seconden)${END})${PERIOD}`,
    opens: `\\d{1,2}|\\d{1,2}u(?:[0-5]\\d)?|${HOUR_WORDS}|${Object.keys(HOURS_IN_EN).join('|')}`,
    priority: 3,
    meaning(groups) {
      const written = groups.hour ?? groups.dotHour ?? groups.cueHour ?? groups.uHour;
      const said = groups.enHour !== undefined ? HOURS_IN_EN[lower(groups.enHour)!] : undefined;
      const hour = written !== undefined ? Number(written) : (said ?? countValue(groups.wholeHour ?? groups.dayHour ?? groups.saidHour!)!);
      const minute = Number(groups.minute ?? groups.dotMinute ?? groups.cueMinute ?? groups.uMinute ?? 0);
      if (hour > 23) return undefined;
      // Minutes make a 24-hour clock; a bare hour (and any hour with "'s avonds") may mean the afternoon.
      const value = clock(hour, minute, written !== undefined, lower(groups.period ?? groups.periodBefore));
      return { type: 'TIME', clock: value, candidate: (day) => dayCandidate(day, value) };
    },
  },
  // rond een uur of acht: about that hour; without a word of clock time, about that many hours ("het duurt een uur of twee")
  {
    pattern: `(?:(?<=(?<![\\p{L}\\p{N}])(?<cue>om|omstreeks|rond|tegen|tot|vanaf) )|${START})(?:een )?uur of (?<hour>${HOUR_WORDS}|1[0-2]|[1-9])${END}(?! (?:${UNITS})${END})`,
    opens: 'een|uur',
    priority: 3,
    meaning(groups) {
      const hours = countValue(groups.hour!)!;
      if (groups.cue === undefined) return { type: 'DURATION', mod: 'APPROX', value: `PT${hours}H` };
      const value = clock(hours, 0, false, undefined);
      return { type: 'TIME', mod: 'APPROX', clock: value, candidate: (day) => dayCandidate(day, value) };
    },
  },
  // om middernacht, rond het middaguur, rond de middag (noon, as "rond het middaguur"; "in de middag" is the afternoon): midnight is the end of its day, as TIMEX writes it (T24:00)
  {
    pattern: `(?<=(?<![\\p{L}\\p{N}])(?:om|rond|tegen|vanaf|tot|na|voor|sinds) )(?:(?<midnight>middernacht)|het middaguur)${END}|(?<=(?<![\\p{L}\\p{N}])(?:rond|tegen) de )middag(?! van )${END}`,
    opens: 'middernacht|het|middag',
    priority: 2,
    meaning(groups) {
      const value = groups.midnight ? 'T24:00' : 'T12:00';
      return { type: 'TIME', clock: value, candidate: (day) => dayCandidate(day, value) };
    },
  },
  // van 9 tot 17 uur, tussen 14.00 en 16.00 uur, van 9-17 uur: the first clock time of a range (see CLOCK_RANGE)
  {
    pattern: `(?:(?<=(?<![\\p{L}\\p{N}])van )(?<hour>[0-2]?\\d)(?:[.:](?<minute>[0-5]\\d))?(?=(?: tot |[-–])${RANGE_HOUR} uur${END})|(?<=(?<![\\p{L}\\p{N}])tussen )(?:(?:(?<hour>[0-2]?\\d)[.:](?<minute>[0-5]\\d)|(?<hour>1[3-9]|2[0-3]))(?= en ${RANGE_HOUR} uur${END})|(?<hour>[0-2]?\\d)(?= en ${AFTERNOON_HOUR}${END})))`,
    opens: '\\d{1,2}',
    priority: 2,
    meaning(groups) {
      const hour = Number(groups.hour);
      if (hour > 23) return undefined;
      const value = clock(hour, Number(groups.minute ?? 0), groups.minute !== undefined, undefined);
      return { type: 'TIME', clock: value, candidate: (day) => dayCandidate(day, value) };
    },
  },
  // half drie, kwart over vier, kwart voor negen; after a word of clock time also om tien over half drie, om vijf voor twaalf
  // ("het is vijf voor twaalf" is a saying). The cue before "kwart" is an alternative, not optional: an optional empty
  // group drops what it captured ("'s avonds om kwart voor negen").
  {
    pattern: `${START}(?:(?:${CLOCK_CUE}(?<minutes>vijf|tien|twintig)|(?:${CLOCK_CUE}|)kwart) (?<direction>over|voor) (?:(?<half>half) )?|(?<half>half) )(?<hourWord>${HOUR_WORDS}|1[0-2]|[1-9])${END}${PERIOD}`,
    opens: 'half|kwart|vijf|tien|twintig',
    priority: 3,
    meaning(groups) {
      const sign = { over: 1, voor: -1 }[lower(groups.direction) ?? ''] ?? 0;
      const minutes = countValue(groups.hourWord!)! * 60 - (groups.half ? 30 : 0) + sign * (groups.minutes ? countValue(groups.minutes)! : 15);
      const hour = Math.floor(minutes / 60);
      const value = clock(hour === 0 ? 12 : hour, minutes % 60, false, lower(groups.period ?? groups.periodBefore));
      return { type: 'TIME', clock: value, candidate: (day) => dayCandidate(day, value) };
    },
  },
  // 10 minuten (durende), zes maanden (lang), drie jaar cel, enkele weken
  {
    pattern: `${START}(?:(?:(?<few>${FEW})|(?<count>${COUNT}|anderhalf|anderhalve)) (?<unit>${UNITS})|(?:een )?(?<half>half uur|half jaar|halve eeuw))${END}(?! (?:geleden|terug|(?:eerder|later)${NOT_THAN})${END})`,
    opens: `${COUNT}|anderhalf|anderhalve|${firstWords(FEW)}|half`,
    priority: 1,
    meaning(groups) {
      if (groups.half) return { type: 'DURATION', value: { 'half uur': 'PT30M', 'half jaar': 'P6M', 'halve eeuw': 'P50Y' }[lower(groups.half)!]! };
      const count = groups.few ? 'X' : lower(groups.count)!.startsWith('anderhal') ? 1.5 : countValue(groups.count!);
      if (count === undefined) return undefined;
      const counts = count === 'X' ? FEW_COUNTS : [count];
      const unit = DURATION_UNITS[lower(groups.unit)!]!;
      const whole = ['D', 'W', 'M', 'Y'].includes(unit) && counts.every(Number.isInteger);
      return { type: 'DURATION', value: durationValue(count, groups.unit!), ...(whole && { span: { counts, unit: unit as Span['unit'] } }) };
    },
  },
  // tientallen jaren, vele uren, al maanden, na weken: a length that is not counted ("urenlang" is an adverb of manner, none)
  {
    pattern: `${START}(?:(?:${MANY}) (?<unit>${COUNTED_UNITS})|(?<=(?<![\\p{L}\\p{N}])(?:al|sinds|na) )(?<unit>${COUNTED_UNITS}))${END}`,
    opens: `${MANY}|${COUNTED_UNITS}`,
    priority: 1,
    meaning: (groups) => ({ type: 'DURATION', value: durationValue('X', groups.unit!) }),
  },
  // de voorbije maanden, de afgelopen twee weken, de komende dagen, de afgelopen 24 uur, de laatste tien jaar
  {
    pattern: `${START}de (?:voorbije|afgelopen|laatste|komende|volgende|eerstvolgende) (?:(?<count>${COUNT}) (?<unit>${COUNTED_UNITS}|jaar|uur)|(?<unit>${COUNTED_UNITS}))${END}`,
    opens: 'de',
    priority: 3,
    meaning(groups) {
      const count = groups.count !== undefined ? countValue(groups.count) : 'X';
      return count === undefined ? undefined : { type: 'DURATION', value: durationValue(count, groups.unit!) };
    },
  },
  // elke dag, iedere maandag, elk jaar, elke twee weken, elke werkdag, elke ochtend, elke zomer, om de twee weken, om de
  // andere week, om het jaar, elke eerste zondag van de maand, wekelijks,
  // driemaandelijks, twee keer per week
  {
    pattern: `${START}(?:(?:elke|iedere|elk|ieder) (?:(?<count>${COUNT}) (?<units>dagen|weken|maanden|kwartalen|jaren)|(?:eerste|tweede|derde|vierde|laatste) (?:dag|week|${WEEKDAYS})(?: van (?:de|het) (?<of>maand|jaar))?|(?<every>dag|week|maand|kwartaal|jaar|werkdag|weekend|${WEEKDAYS})|(?<everyPart>${PARTS_OF_DAY})|(?<everySeason>${SEASONS}))|om de (?<count>${COUNT}) (?<units>dagen|weken|maanden|jaar|jaren)|om (?:(?:de|het) andere (?<other>dag|week|maand|jaar)|het (?<other>jaar))(?!(?: \\p{L}+){0,3} te )|(?<times>${FREQUENCY_COUNTS})?(?<adverb>${ADVERBS_OF_FREQUENCY})|(?:${TIMES}) per (?<per>dag|week|maand|kwartaal|jaar)|['’]s (?<weekdays>${WEEKDAYS.replace(/\|/g, 's|')}s))${END}`,
    opens: `elke|iedere|elk|ieder|om|${ADVERB_OF_FREQUENCY}|${COUNT}|(?:een|één|twee|drie|vier|vijf)maal|eens|['’]s`,
    priority: 2,
    meaning(groups) {
      if (groups.everyPart) return { type: 'SET', value: `XXXX-XX-XXT${PARTS[lower(groups.everyPart)!]}` };
      if (groups.everySeason) return { type: 'SET', value: `XXXX-${SEASON_WORDS[lower(groups.everySeason)!]}` };
      // "elke eerste zondag (van de maand)" comes back each month: its period.
      const word = lower(groups.every ?? groups.adverb ?? groups.per ?? groups.units ?? groups.weekdays ?? groups.other ?? groups.of ?? 'maand')!;
      const weekday = WEEKDAY_NUMBERS[word] ?? WEEKDAY_NUMBERS[word.replace(/s$/, '')];
      if (weekday !== undefined) return { type: 'SET', value: `XXXX-WXX-${weekday}` };
      if (word in WEEK_PARTS) return { type: 'SET', value: `XXXX-WXX-${WEEK_PARTS[word]}` };
      // How many times per period ("twee keer per week") has no field of its own: the value is the period.
      // "om de andere week", "om het jaar": every second one ("om het jaar af te sluiten" is a purpose, and none).
      const count = groups.count !== undefined ? countValue(groups.count) : groups.times !== undefined ? countValue(groups.times) : groups.other !== undefined ? 2 : 1;
      if (count === undefined || !Number.isInteger(count) || count < 1) return undefined;
      const [size, unit] = PERIODS[word]!;
      return { type: 'SET', value: `P${count * size}${unit}` };
    },
  },
  // de hele dag, de hele week, het hele jaar (door): as long as the stretch (DURATION); heel 2021, heel januari: that year or month
  {
    pattern: `${START}(?:(?:de|het) (?:hele|gehele|volledige) (?<unit>dag|week|maand|jaar)(?: door)?|heel (?:${YEAR}|(?<month>${MONTHS})))${END}`,
    opens: 'de|het|heel',
    priority: 2,
    meaning(groups) {
      if (groups.unit !== undefined) return { type: 'DURATION', value: durationValue(1, groups.unit) };
      if (groups.month !== undefined) return monthMeaning(groups);
      return { type: 'DATE', candidate: () => yearCandidate(yearNumber(groups.year)!) };
    },
  },
  // op zondagen, in de weekends, op werkdagen: those days of every week (the article outside the span, as the preposition is)
  {
    pattern: `(?<=(?<![\\p{L}\\p{N}])(?:op|in|tijdens|gedurende) (?:de )?)(?<days>(?:${WEEKDAYS}|werkdag)en|weekends)${END}`,
    opens: `(?:${WEEKDAYS}|werkdag)en|weekends`,
    priority: 2,
    meaning(groups) {
      const word = lower(groups.days)!.replace(/(?:en|s)$/u, '');
      return { type: 'SET', value: `XXXX-WXX-${WEEKDAY_NUMBERS[word] ?? WEEK_PARTS[word]}` };
    },
  },
  // nu, momenteel, vandaag de dag, dezer dagen, tot op heden, vroeger, recent, binnenkort. "recent" is an adverb only where
  // no article or word of degree makes it an adjective ("een recent advies", "zeer recent").
  {
    pattern: `${START}(?:(?<reference>${REFERENCES})|(?<=(?<![\\p{L}\\p{N}])tot op )(?<reference>heden)|(?<!(?:${BEFORE_ADJECTIVE}) )(?<reference>recent))${END}`,
    opens: `${firstWords(REFERENCES)}|heden|recent`,
    priority: 1,
    meaning(groups) {
      const word = lower(groups.reference)!;
      const value = REFERENCE_VALUES[word]!;
      if (value !== 'PRESENT_REF') return { type: 'DATE', value };
      return { type: 'DATE', candidate: (day) => ({ exact: value, vague: value, first: day, last: day }) };
    },
  },
];
