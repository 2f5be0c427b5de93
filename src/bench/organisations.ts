import { randomSurname } from './names.ts';
import type { Random } from './random.ts';

export const MINISTRIES = [
  'Financiën', 'Buitenlandse Zaken', 'Justitie en Veiligheid', 'Binnenlandse Zaken', 'Economische Zaken', 'Defensie',
  'Onderwijs, Cultuur en Wetenschap', 'Volksgezondheid, Welzijn en Sport', 'Infrastructuur en Waterstaat',
  'Sociale Zaken en Werkgelegenheid', 'Landbouw', 'Klimaat en Groene Groei', 'Asiel en Migratie',
] as const;

export const PARTIES = ['VVD', 'PVV', 'CDA', 'D66', 'GroenLinks-PvdA', 'SP', 'ChristenUnie', 'BBB', 'NSC', 'Volt', 'JA21', 'SGP', 'Partij voor de Dieren'] as const;

/** Bodies that recur in the news under one name. */
const INSTITUTIONS = [
  'het RIVM', 'het CBS', 'De Nederlandsche Bank', 'de Raad van State', 'het Openbaar Ministerie', 'de Europese Commissie',
  'de NAVO', 'de Verenigde Naties', 'de Tweede Kamer', 'de Eerste Kamer', 'het Centraal Planbureau', 'de Autoriteit Persoonsgegevens',
  'ProRail', 'de NS', 'Schiphol', 'Rijkswaterstaat', 'de FNV', 'VNO-NCW', 'de KNVB', 'het KNMI',
] as const;

const BUSINESS_KINDS = ['Holding', 'Groep', 'Bouw', 'Logistiek', 'Techniek', 'Vastgoed', 'Energie', 'Advocaten', 'Transport', 'Zorg'] as const;
const SECTORS = ['Logistics', 'Energy', 'Food', 'Solutions', 'Pharma', 'Systems', 'Capital', 'Mobility'] as const;
const FOUNDATIONS = ['Stichting', 'Vereniging', 'Fonds'] as const;
const CAUSES = ['Natuurbehoud', 'Cultureel Erfgoed', 'Schone Lucht', 'Betaalbaar Wonen', 'Kinderhulp', 'Dierenwelzijn', 'Veilig Verkeer'] as const;

/** A firm, foundation, university or well-known body, as the text names it ("Jansen Holding", "de Universiteit van Gent"). */
export function randomOrganisation(random: Random, town: string): string {
  switch (random.int(0, 6)) {
    case 0:
      return `${randomSurname(random)} ${random.pick(BUSINESS_KINDS)}`;
    case 1:
      return `${randomSurname(random)} & ${randomSurname(random)}`;
    case 2:
      return `${town} ${random.pick(SECTORS)}`;
    case 3:
      return random.chance(0.5) ? `de Universiteit van ${town}` : `de Hogeschool ${town}`;
    case 4:
      return `${random.pick(FOUNDATIONS)} ${random.pick(CAUSES)} ${town}`;
    case 5:
      return `het ministerie van ${random.pick(MINISTRIES)}`;
    default:
      return random.pick(INSTITUTIONS);
  }
}
