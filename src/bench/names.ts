import { allLocales } from '@faker-js/faker';
import type { Random } from './random.ts';

/** First names and surnames of one language, so that a generated person sounds like one person. */
interface NamePool {
  first: readonly string[];
  last: readonly string[];
  /** Dutch and Flemish surnames often carry a tussenvoegsel ("van der Berg"). */
  tussenvoegsels: boolean;
}

type PersonDefinitions = Record<string, { person?: Record<string, unknown> }>;

/** Every name a locale's definition lists, in all its sub-lists (generic, female, male), written plainly. */
function namesOf(locales: readonly string[], field: 'first_name' | 'last_name'): string[] {
  const names = new Set<string>();
  for (const locale of locales) {
    const definition = (allLocales as PersonDefinitions)[locale]?.person?.[field];
    const lists = Array.isArray(definition) ? [definition] : Object.values(definition ?? {});
    for (const list of lists) {
      if (!Array.isArray(list)) continue;
      for (const name of list) if (typeof name === 'string' && /^\p{Lu}[\p{L}'-]+$/u.test(name)) names.add(name);
    }
  }
  return [...names].sort();
}

const pool = (locales: readonly string[], tussenvoegsels = false): NamePool => ({
  first: namesOf(locales, 'first_name'),
  last: namesOf(locales, 'last_name'),
  tussenvoegsels,
});

/** Dutch names most often; names from the languages of other countries the news is about, less often. */
const DUTCH = pool(['nl', 'nl_BE'], true);
const FOREIGN = [pool(['en', 'en_GB', 'en_US']), pool(['de', 'de_AT']), pool(['fr', 'fr_BE']), pool(['pl']), pool(['tr']), pool(['it']), pool(['es'])];

const TUSSENVOEGSELS = ['van', 'de', 'van der', 'van den', 'van de', 'ter', 'den'];

export interface Name {
  /** As the first mention writes it: "Anouk van der Berg". */
  full: string;
  /** As later mentions write it: "Van der Berg". */
  surname: string;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A person's name composed from a first name, maybe a tussenvoegsel, and a surname: millions of combinations. */
export function randomName(random: Random): Name {
  const names = random.chance(0.7) ? DUTCH : random.pick(FOREIGN);
  const first = random.pick(names.first);
  const last = random.pick(names.last);
  const tussenvoegsel = names.tussenvoegsels && random.chance(0.3) ? `${random.pick(TUSSENVOEGSELS)} ` : '';
  return { full: `${first} ${tussenvoegsel}${last}`, surname: capitalized(`${tussenvoegsel}${last}`) };
}

/** A surname on its own, for the names of firms and foundations ("Jansen Holding"). */
export const randomSurname = (random: Random) => random.pick(random.chance(0.7) ? DUTCH.last : random.pick(FOREIGN).last);

/** People who are in the news again and again, so that articles link to the same entities. */
export const FAMOUS: readonly { name: Name; role: string }[] = [
  ['Mark Rutte', 'Rutte', 'secretaris-generaal van de NAVO'],
  ['Dick Schoof', 'Schoof', 'premier'],
  ['Geert Wilders', 'Wilders', 'PVV-leider'],
  ['Frans Timmermans', 'Timmermans', 'GroenLinks-PvdA-leider'],
  ['Femke Halsema', 'Halsema', 'burgemeester van Amsterdam'],
  ['Ahmed Aboutaleb', 'Aboutaleb', 'oud-burgemeester van Rotterdam'],
  ['Ursula von der Leyen', 'Von der Leyen', 'voorzitter van de Europese Commissie'],
  ['Emmanuel Macron', 'Macron', 'de Franse president'],
  ['Olaf Scholz', 'Scholz', 'de Duitse bondskanselier'],
  ['Joe Biden', 'Biden', 'de Amerikaanse president'],
  ['Volodymyr Zelensky', 'Zelensky', 'de Oekraïense president'],
  ['Vladimir Poetin', 'Poetin', 'de Russische president'],
  ['Alexander De Croo', 'De Croo', 'de Belgische premier'],
  ['Bart De Wever', 'De Wever', 'N-VA-voorzitter'],
  ['Klaas Knot', 'Knot', 'president van De Nederlandsche Bank'],
  ['Antony Blinken', 'Blinken', 'de Amerikaanse minister van Buitenlandse Zaken'],
].map(([full, surname, role]) => ({ name: { full: full!, surname: surname! }, role: role! }));
