import countries from 'i18n-iso-countries/langs/nl.json' with { type: 'json' };
import { normalizeName } from './entity.ts';

const CONTINENTS = ['Europa', 'Azië', 'Afrika', 'Amerika', 'Noord-Amerika', 'Zuid-Amerika', 'Oceanië'];
/** Short forms the country list lacks but Dutch news uses for countries. */
const COUNTRY_ABBREVIATIONS = ['VS', 'VK', 'USA', 'UK'];

/** Dutch names of every country (official and short forms) and of the continents. */
const places: ReadonlySet<string> = new Set(
  [...Object.values(countries.countries).flat(), ...CONTINENTS, ...COUNTRY_ABBREVIATIONS].map(normalizeName),
);

export function isKnownPlace(name: string): boolean {
  return places.has(normalizeName(name));
}
