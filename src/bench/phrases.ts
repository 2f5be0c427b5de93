import type { Random } from './random.ts';

export const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'] as const;
export const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'] as const;
const PARTS_OF_DAY = ['ochtend', 'middag', 'avond'] as const;
const COUNT_WORDS = ['twee', 'drie', 'vier', 'vijf', 'zes', 'tien'] as const;
const UNITS = [['dag', 'dagen'], ['week', 'weken'], ['maand', 'maanden'], ['jaar', 'jaar']] as const;
const SEASONS = ['voorjaar', 'zomer', 'najaar', 'winter'] as const;
const DECADES = ['zeventig', 'tachtig', 'negentig'] as const;
/** What "afgelopen" and "komende" go with. */
const NEIGHBOURS = [...WEEKDAYS, 'weekend', ...SEASONS] as const;

const count = (random: Random) => (random.chance(0.5) ? random.pick(COUNT_WORDS) : String(random.int(2, 12)));

/** A clock time as Dutch papers write it: "14.30 uur", "9 uur". */
export function clockTime(random: Random): string {
  const hour = random.int(7, 22);
  return random.chance(0.6) ? `${hour}.${random.pick(['00', '15', '30', '45'])} uur` : `${hour} uur`;
}

/** A day of the month: "3 maart". */
export const dayOfMonth = (random: Random) => `${random.int(1, 28)} ${random.pick(MONTHS)}`;

/** Which way a sentence looks: its time expression must fit its verb ("zei gisteren", "zal morgen"). */
export type Direction = 'past' | 'future';

/** Per direction: last/next (common and neuter gender), the days nearby, the word for a coming or gone weekday. */
const SIDES = {
  past: { relative: ['vorige', 'vorig'], nearby: ['gisteren', 'gisteravond', 'eerder deze week'], adjacent: 'afgelopen' },
  future: { relative: ['volgende', 'volgend'], nearby: ['morgen', 'vanavond', 'later deze week'], adjacent: 'komende' },
} as const;

/** A time expression that can stand where an adverb of time stands: "vrijdag", "vorige week", "over twee weken". */
export function when(random: Random, direction: Direction): string {
  const side = SIDES[direction];
  const past = direction === 'past';
  switch (random.int(0, 9)) {
    case 0:
      return random.pick(WEEKDAYS);
    case 1:
      return `${random.pick(WEEKDAYS)}${random.pick(PARTS_OF_DAY)}`;
    case 2:
      return random.chance(0.5) ? `${side.relative[0]} ${random.pick(['week', 'maand'])}` : `${side.relative[1]} jaar`;
    case 3:
      return `op ${dayOfMonth(random)}`;
    case 4: {
      const [, plural] = random.pick(UNITS);
      return past ? `${count(random)} ${plural} geleden` : `over ${count(random)} ${plural}`;
    }
    case 5:
      return `${random.pick(['begin', 'eind', 'half'])} ${random.pick(MONTHS)}`;
    case 6:
      return past ? `in ${random.int(1995, 2024)}` : `${random.pick(['eind', 'begin'])} volgend jaar`;
    case 7:
      return random.pick(side.nearby);
    case 8:
      return `${side.adjacent} ${random.pick(NEIGHBOURS)}`;
    default:
      return `${random.pick(WEEKDAYS)} om ${clockTime(random)}`;
  }
}

/** A stretch of time for a sentence about the past: "in de jaren negentig", "twee jaar lang". */
export function period(random: Random): string {
  switch (random.int(0, 2)) {
    case 0:
      return `in de jaren ${random.pick(DECADES)}`;
    case 1:
      return `${count(random)} jaar lang`;
    default:
      return `tussen ${random.int(1990, 2010)} en ${random.int(2011, 2023)}`;
  }
}

/** An amount written the Dutch way: "12.500", "3,4 miljoen". */
export function amount(random: Random): string {
  switch (random.int(0, 2)) {
    case 0:
      return String(random.int(12, 950));
    case 1:
      return `${random.int(1, 99)}.${String(random.int(0, 999)).padStart(3, '0')}`;
    default:
      return `${random.int(1, 9)},${random.int(1, 9)} ${random.pick(['miljoen', 'miljard'])}`;
  }
}

export const percentage = (random: Random) => `${random.int(1, 40)},${random.int(0, 9)} procent`;
