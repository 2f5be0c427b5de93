import { z } from 'zod';
import type { PublishedDate } from '../published.ts';
import { countedFrom, daysOf, isReasonable, mergeCandidates, unknownFields, withSuffix } from './calendar.ts';
import { type Day, isoDateOf } from './days.ts';
import { openingScanner } from './openings.ts';
import { type Meaning, RULES } from './rules.ts';
import { type SentenceAround, SentenceReader } from './sentence.ts';
import { type Tense, tenseOf } from './tense.ts';

/** A time expression in a text, normalized TIMEX3-style; offsets are UTF-16 indices into the text. */
export const timeExpressionSchema = z.object({
  text: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  type: z.enum(['DATE', 'TIME', 'DURATION', 'SET']),
  value: z.string().min(1),
  mod: z.enum(['START', 'MID', 'END', 'APPROX']).optional(),
  /** The days the expression can mean (not for durations and sets). */
  firstDay: z.iso.date().optional(),
  lastDay: z.iso.date().optional(),
});
export type TimeExpression = z.infer<typeof timeExpressionSchema>;

/** What the publication date pins down: the year, and the month and day when known. */
export interface DocumentDate {
  year: number;
  month?: number;
  day?: number;
}

export function documentDateOf(published: Pick<PublishedDate, 'date' | 'precision'>): DocumentDate {
  const [year, month, day] = published.date.split('-').map(Number) as [number, number, number];
  if (published.precision === 'year') return { year };
  if (published.precision === 'month') return { year, month };
  return { year, month, day };
}

/** Sticky: each rule is tried only at the offsets where the scanner finds its opening. */
const COMPILED = RULES.map((rule) => ({ rule, pattern: new RegExp(rule.pattern, 'iuy') }));
const OPENINGS = openingScanner(RULES.map((rule) => rule.opens));

interface Match {
  start: number;
  end: number;
  priority: number;
  meaning: Meaning;
}

/** Every rule's matches; where matches overlap the longest wins, then the rule of higher priority. */
function bestMatches(text: string): Match[] {
  const all: Match[] = [];
  const openings = OPENINGS.scan(text);
  COMPILED.forEach(({ rule, pattern }, index) => {
    // As a global search would, a rule looks for its next match only after the end of its last one.
    let end = 0;
    for (const start of openings[index]!) {
      if (start < end) continue;
      pattern.lastIndex = start;
      const found = pattern.exec(text);
      if (!found) continue;
      end = start + found[0].length;
      const meaning = rule.meaning(found.groups ?? {});
      if (meaning) all.push({ start, end, priority: rule.priority, meaning });
    }
  });
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const taken = new Uint8Array(text.length);
  const chosen: Match[] = [];
  for (const match of all) {
    if (taken.subarray(match.start, match.end).includes(1)) continue;
    taken.fill(1, match.start, match.end);
    chosen.push(match);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A day with the part of it a word names: "morgenochtend" is `2022-01-19TMO`. */
const DAY_PART = /^\d{4}-\d{2}-\d{2}T(MO|AF|EV|NI)$/;

/**
 * A clock time within a part of the day: "maandagavond 8 uur" is 20:00, "morgenochtend 6 uur" 06:00
 * (a bare hour up to six is otherwise taken for the afternoon).
 */
function clockInPart(clock: string, part: string): string {
  const hour = Number(clock.slice(1, 3));
  const moved = (part === 'AF' || part === 'EV') && hour < 12 ? hour + 12 : (part === 'MO' || part === 'NI') && hour >= 13 && hour <= 18 ? hour - 12 : hour;
  return `T${String(moved).padStart(2, '0')}${clock.slice(3)}`;
}

/** The words between a span and the day it counts from: "drie dagen na kerst", "vijf dagen gerekend vanaf gisteren". */
const COUNTED_FROM = /^ (?:(?<after>na|vanaf|(?:gerekend|te rekenen) vanaf)|(?<before>voor|vóór)) (?:de |het )?$/iu;

/**
 * A span right before or after a date ("een week voor vandaag", "twee maanden vanaf volgende
 * maandag", "drie dagen na kerstmis") is one date, not a duration and a date.
 */
function withCountedDays(text: string, matches: Match[], someDay: Day): Match[] {
  const joined: Match[] = [];
  for (const match of matches) {
    const previous = joined.at(-1);
    const span = previous && 'span' in previous.meaning ? previous.meaning.span : undefined;
    const link = span && COUNTED_FROM.exec(text.slice(previous!.end, match.start));
    if (span && link && 'candidate' in match.meaning && match.meaning.type === 'DATE' && match.meaning.mod === undefined) {
      const { candidate, anaphoric } = match.meaning;
      const sign = link.groups!.before ? -1 : 1;
      if (countedFrom(candidate(someDay, () => 'present'), span, sign)) {
        joined[joined.length - 1] = {
          start: previous!.start,
          end: match.end,
          priority: match.priority,
          meaning: { type: 'DATE', anaphoric, candidate: (day, tense) => countedFrom(candidate(day, tense), span, sign)! },
        };
        continue;
      }
    }
    joined.push(match);
  }
  // "de dag" that counts from no date is nothing.
  return joined.filter(({ meaning }) => !('spanOnly' in meaning && meaning.spanOnly));
}

/** What stands between a day and a part of it after it: "morgen in de ochtend", "gisteren laat op de avond". */
const DAY_THEN_PART = /^ (?:(?:laat|vroeg) )?(?:in|op) $/iu;

/** The part of the day (`TEV`) a match names alone, as "in de avond" does: the day it is of is the story's. */
function partAlone(match: Match, someDay: Day): string | undefined {
  if (!('candidate' in match.meaning) || !match.meaning.anaphoric || match.meaning.type !== 'TIME') return undefined;
  const part = DAY_PART.exec(match.meaning.candidate(someDay, () => 'present').exact)?.[1];
  return part === undefined ? undefined : `T${part}`;
}

/**
 * "de avond van 3 maart" is that day's evening: one TIME ("de avond van de verkiezingen" is none); so is "morgen in de
 * avond", "gisteren laat op de avond".
 */
function withPartsOfDays(text: string, matches: Match[], someDay: Day): Match[] {
  const joined: Match[] = [];
  const isDay = (match: Match) => 'candidate' in match.meaning && match.meaning.type === 'DATE' && DAY.test(match.meaning.candidate(someDay, () => 'present').exact);
  for (const match of matches) {
    const previous = joined.at(-1);
    const between = previous && text.slice(previous.end, match.start);
    const partBefore = previous && 'partOnly' in previous.meaning && between === ' van ' ? previous.meaning.partOnly : undefined;
    const partAfter = previous && DAY_THEN_PART.test(between!) ? partAlone(match, someDay) : undefined;
    const [dayMatch, part] = partBefore ? [match, partBefore] : partAfter ? [previous!, partAfter] : [undefined, undefined];
    if (dayMatch && part && isDay(dayMatch) && 'candidate' in dayMatch.meaning) {
      const { candidate, anaphoric } = dayMatch.meaning;
      joined[joined.length - 1] = {
        start: previous!.start,
        end: match.end,
        priority: match.priority,
        meaning: { type: 'TIME', anaphoric, candidate: (day, tense) => withSuffix(candidate(day, tense), part) },
      };
      continue;
    }
    joined.push(match);
  }
  return joined.filter(({ meaning }) => !('partOnly' in meaning && meaning.partOnly));
}

/** What stands between a day and its clock time: "morgen om tien uur", "vrijdag 3 maart 14.05 uur", "morgen rond de middag". */
const DAY_THEN_CLOCK = /^,? (?:(?:om|rond|tegen|vanaf) |(?:rond|tegen) de )?$/iu;
/** What stands between a clock time and its day: "om acht uur vanavond", "drie uur in de namiddag". */
const CLOCK_THEN_DAY = /^ (?:in )?$/iu;

const clockOf = (match: Match | undefined) => (match && 'clock' in match.meaning ? match.meaning.clock : undefined);

/** The day a match names, with the part of it when it names one; undefined when it names no single day. */
function dayAndPart(match: Match, someDay: Day): { part: string | undefined; anaphoric: boolean | undefined } | undefined {
  if (!('candidate' in match.meaning) || clockOf(match)) return undefined;
  const day = match.meaning.candidate(someDay, () => 'present').exact;
  const part = DAY_PART.exec(day)?.[1];
  return part !== undefined || DAY.test(day) ? { part, anaphoric: match.meaning.anaphoric } : undefined;
}

/** A day and a clock time in it, as one TIME: the day's value with the clock in place of its part. */
function dayWithClock(dayMatch: Match, clock: string, clockMatch: Match, part: string | undefined, anaphoric: boolean | undefined): Match {
  const { candidate } = dayMatch.meaning as Extract<Meaning, { candidate: unknown }>;
  const time = part === undefined ? clock : clockInPart(clock, part);
  // The part of the day gives way to the clock time in it.
  const withoutPart = (value: string) => (part === undefined ? value : value.slice(0, -3));
  return {
    start: Math.min(dayMatch.start, clockMatch.start),
    end: Math.max(dayMatch.end, clockMatch.end),
    priority: clockMatch.priority,
    meaning: {
      type: 'TIME',
      clock: time,
      anaphoric,
      candidate(day, tense) {
        const date = candidate(day, tense);
        return { ...date, exact: withoutPart(date.exact) + time, vague: withoutPart(date.vague) + time };
      },
    },
  };
}

/** The days of a SET a clock time can be in: "elke dag" (P1D), "elke dinsdag", "elke avond". */
const SET_OF_DAYS = /^(?:P1D|(?<days>XXXX-(?:XX-XX|WXX-[1-7]))(?:T(?<part>MO|AF|EV|NI))?)$/;

/** "elke dag om 8 uur", "elke dinsdagavond om 8 uur": the days of a SET at a clock time, one SET (`XXXX-WXX-2T20:00`). */
function setWithClock(setMatch: Match, clock: string, clockMatch: Match): Match | undefined {
  const days = 'value' in setMatch.meaning && setMatch.meaning.type === 'SET' ? SET_OF_DAYS.exec(setMatch.meaning.value) : null;
  if (!days) return undefined;
  const part = days.groups!.part;
  const value = (days.groups!.days ?? 'XXXX-XX-XX') + (part === undefined ? clock : clockInPart(clock, part));
  return { start: setMatch.start, end: clockMatch.end, priority: clockMatch.priority, meaning: { type: 'SET', value } };
}

/**
 * A clock time right after a day ("vrijdag 3 maart om 14.05 uur", "morgen om tien uur") or right
 * before it ("om acht uur vanavond", "vier uur in de ochtend") is that day's time: one expression.
 */
function withClockTimes(text: string, matches: Match[], someDay: Day): Match[] {
  const joined: Match[] = [];
  for (const match of matches) {
    const previous = joined.at(-1);
    const clock = clockOf(match);
    if (previous && clock && DAY_THEN_CLOCK.test(text.slice(previous.end, match.start))) {
      const day = dayAndPart(previous, someDay);
      const joinedMatch = day ? dayWithClock(previous, clock, match, day.part, day.anaphoric) : setWithClock(previous, clock, match);
      if (joinedMatch) {
        joined[joined.length - 1] = joinedMatch;
        continue;
      }
    }
    const between = previous && text.slice(previous.end, match.start);
    const clockBefore = clockOf(previous);
    if (previous && clockBefore && CLOCK_THEN_DAY.test(between!)) {
      const day = dayAndPart(match, someDay);
      if (day) {
        // "in de ochtend" after a clock time only sets the clock, as "'s ochtends" does: the time is of the day the clock's is.
        joined[joined.length - 1] = dayWithClock(match, clockBefore, previous, day.part, between === ' ' && day.anaphoric);
        continue;
      }
    }
    joined.push(match);
  }
  return joined;
}

/** A duration of one whole unit: `P3Y`, `P4M`, `PT2H`, `PT15M` (weeks mix with no other unit in ISO 8601). */
const ONE_UNIT = /^P(T?)(\d+)([YMDHS])$/;
const UNIT_ORDER = ['Y', 'M', 'D', 'TH', 'TM', 'TS'];

/** "drie jaar en vier maanden" is P3Y4M, "twee uur en een kwartier" PT2H15M: larger unit first, each once. */
function joinedDuration(first: string, second: string): string | undefined {
  const parts = [ONE_UNIT.exec(first), ONE_UNIT.exec(second)];
  if (!parts[0] || !parts[1]) return undefined;
  const [a, b] = parts.map((part) => UNIT_ORDER.indexOf(part![1]! + part![3]!));
  if (a! >= b!) return undefined;
  const dates = parts.filter((part) => part![1] === '').map((part) => part![2]! + part![3]!);
  const times = parts.filter((part) => part![1] === 'T').map((part) => part![2]! + part![3]!);
  return `P${dates.join('')}${times.length ? `T${times.join('')}` : ''}`;
}

/** Two durations joined by "en" whose units go down are one ("drie jaar en vier maanden"). */
function withJoinedDurations(text: string, matches: Match[]): Match[] {
  const joined: Match[] = [];
  for (const match of matches) {
    const previous = joined.at(-1);
    const value =
      previous && 'value' in previous.meaning && 'value' in match.meaning && previous.meaning.type === 'DURATION' && match.meaning.type === 'DURATION' &&
      !previous.meaning.mod && !match.meaning.mod && text.slice(previous.end, match.start) === ' en '
        ? joinedDuration(previous.meaning.value, match.meaning.value)
        : undefined;
    if (previous && value) {
      joined[joined.length - 1] = { start: previous.start, end: match.end, priority: match.priority, meaning: { type: 'DURATION', value } };
      continue;
    }
    joined.push(match);
  }
  return joined;
}

/** Conjunctions that open a clause with a verb of its own, in whatever tense ("zei dat hij vrijdag komt"). */
const SUBORDINATORS = new Set(['dat', 'omdat', 'terwijl', 'toen', 'nadat', 'voordat', 'zodat', 'hoewel', 'maar', 'want', 'als', 'wanneer']);
/** Where a clause begins. */
const CLAUSE_OPENERS = new Set([',', ';', ':', '(', ...SUBORDINATORS]);

/** Words that open a clause's subject: after them "vroeg" and "laat" are the verb ("vrijdag vroeg de minister"). */
const SUBJECT_OPENERS = new Set(['de', 'het', 'een', 'hij', 'zij', 'ze', 'ik', 'we', 'wij', 'jij', 'je', 'u', 'men', 'er', 'die', 'dit', 'dat', 'deze', 'zijn', 'haar', 'hun', 'mijn', 'ons', 'onze']);

/**
 * "laat" and "vroeg" right after a time expression are adverbs of it ("zaterdagavond laat brak brand uit", "vertrekt
 * maandag vroeg"), not the verbs laten and vragen, unless a subject follows them: they are left out of the words the
 * tense is read from, and the verb after a sentence-opening expression is the word after them.
 */
function withoutAdverbAfter(sentence: SentenceAround): SentenceAround {
  const { words, written, after } = sentence;
  if (after < 0 || (words[after] !== 'laat' && words[after] !== 'vroeg')) return sentence;
  const next = written[after + 1];
  if (next !== undefined && (SUBJECT_OPENERS.has(next.toLowerCase()) || /^\p{Lu}/u.test(next))) return sentence;
  const keep = (_: string, i: number) => i !== after;
  return {
    ...sentence,
    words: words.filter(keep),
    written: written.filter(keep),
    after: after + 1 < words.length ? after : -1,
    verbAfter: sentence.verbAfter === undefined ? undefined : next,
  };
}

/**
 * The tense around a match: of its clause, or of its sentence when the clause does not show one.
 * A sentence opening with the expression has its finite verb right after it.
 */
function tenseAround(around: SentenceAround | undefined): Tense {
  if (around === undefined) return 'present';
  const { words, at, after, verbAfter } = withoutAdverbAfter(around);
  const before = words.slice(0, at);
  // "sinds maandag" can only look back, "tot vrijdag" only ahead, whatever the verb.
  const preposition = before.at(-1);
  if (preposition === 'sinds') return 'past';
  // "tot" closing a range ("van maandag tot vrijdag") takes the range's direction, which is the clause's.
  if (preposition === 'tot' && before.at(-3) !== 'van' && !before.at(-2)?.endsWith('dag')) return 'future';
  const isOpener = (word: string) => CLAUSE_OPENERS.has(word);
  const opener = before.findLastIndex(isOpener);
  const closer = after < 0 ? -1 : words.findIndex((word, i) => i >= after && isOpener(word));
  const inClause = tenseOf(words.slice(opener + 1, closer < 0 ? undefined : closer), verbAfter);
  // A subordinate clause ("zei dat hij vrijdag komt") has its own verb; a bare fragment between commas takes the sentence's.
  const subordinate = opener >= 0 && SUBORDINATORS.has(before[opener]!);
  return inClause !== 'present' || subordinate ? inClause : tenseOf(words, verbAfter);
}

/**
 * Finds the time expressions of a text and normalizes them relative to the publication date.
 * Where that date is only a month (or a year), a value holds only what every possible day agrees
 * on ("morgen" in an article of 2022-01 is `2022-XX-XX`), and the range spans all those days.
 */
export function findTimeExpressions(text: string, dct: DocumentDate): TimeExpression[] {
  const days = daysOf(dct);
  const matches = withJoinedDurations(text, withClockTimes(text, withPartsOfDays(text, withCountedDays(text, bestMatches(text), days[0]!), days[0]!), days[0]!));
  if (matches.length === 0) return [];
  const reader = new SentenceReader(text);
  return matches.map((match): TimeExpression | undefined => {
    const base = { text: text.slice(match.start, match.end), start: match.start, end: match.end, type: match.meaning.type };
    const mod = match.meaning.mod ? { mod: match.meaning.mod } : {};
    if ('value' in match.meaning) return { ...base, value: match.meaning.value, ...mod };
    let tense: Tense | undefined;
    const tenseOfClause = () => (tense ??= tenseAround(reader.around(match.start, match.end)));
    const { candidate, anaphoric } = match.meaning;
    // Counted from a moment the story does not date: every field unknown, any day possible.
    if (anaphoric && dct.day === undefined) {
      // The clock time of "de volgende dag om 10 uur" is known even when the day is not.
      const { vague } = candidate(days[0]!, tenseOfClause);
      const clock = match.meaning.clock ?? '';
      return { ...base, value: unknownFields(vague.slice(0, vague.length - clock.length)) + clock, ...mod };
    }
    const candidates = days.map((day) => candidate(day, tenseOfClause));
    if (!candidates.every(isReasonable)) return undefined;
    const merged = mergeCandidates(candidates);
    return { ...base, value: merged.value, ...mod, firstDay: isoDateOf(merged.first), lastDay: isoDateOf(merged.last) };
  }).filter((expression) => expression !== undefined);
}
