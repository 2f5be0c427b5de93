import { describe, expect, it } from 'vitest';
import { gatherLexiconData } from '../src/ner/lexicon-sources.ts';
import { lexiconsFrom, MAX_NAME_WORDS } from '../src/ner/lexicons.ts';
import { type OrganisationCategory, organisationNames } from '../src/ner/organisations.ts';
import { tokenize } from '../src/text/tokenize.ts';

const CATEGORIES: OrganisationCategory[] = ['ORG-party', 'ORG-media', 'ORG-public', 'ORG-company', 'ORG-club'];
const names = organisationNames();
const words = (text: string) => tokenize(text).map((token) => token.text);

describe('the organisation names', () => {
  it('fill every category, several hundred in all', () => {
    expect(Object.keys(names).sort()).toEqual([...CATEGORIES].sort());
    for (const category of CATEGORIES) expect(names[category].length, category).toBeGreaterThan(100);
  });

  it('are written as the tokenizer splits them, single spaces between tokens, short enough to be matched, and also as one token where split at & or .', () => {
    const all = Object.values(names).flat();
    for (const name of all) {
      expect(name, name).toMatch(/^\S+( \S+)*$/);
      const split = words(name).join(' ');
      if (split !== name) expect(all, name).toContain(split);
      expect(words(name).length, name).toBeLessThanOrEqual(MAX_NAME_WORDS);
    }
    expect(names['ORG-party']).toEqual(expect.arrayContaining(['CD & V', 'CD&V', 'cd & v', 'cd&v', 'sp . a', 'sp.a']));
  });

  it('list each name once, in one category', () => {
    const all = Object.values(names).flat();
    expect(all.filter((name, i) => all.indexOf(name) !== i)).toEqual([]);
  });

  it('leave out a town that names a club only in the club’s full name', () => {
    for (const town of ['Genk', 'Brugge', 'Gent', 'Twente', 'Lier', 'Lierse']) expect(Object.values(names).flat()).not.toContain(town);
    expect(names['ORG-club']).toEqual(expect.arrayContaining(['KRC Genk', 'Club Brugge', 'AA Gent', 'FC Twente']));
  });
});

describe('the organisation gazetteers', () => {
  const lexicons = lexiconsFrom(gatherLexiconData());
  /** The tokens of `text` that a name of `category` covers, as `word/B` (first), `I`, `L` (last) or `U` (one-word name). */
  const matched = (text: string, category: OrganisationCategory) => {
    const tokens = words(text);
    return lexicons.gazetteer(tokens).flatMap((matches, i) => {
      const places = matches.filter((match) => match.startsWith(`${category}-`)).map((match) => match.slice(category.length + 1));
      return places.length === 0 ? [] : [`${tokens[i]}/${places.join(',')}`];
    });
  };

  it('find parties, also those written with an ampersand, a dot or in lower case', () => {
    expect(matched('Na de verkiezingen praatten CD&V, sp.a en de N-VA met Open Vld, niet met het Vlaams Belang.', 'ORG-party')).toEqual([
      'CD/B', '&/I', 'V/L', 'sp/B', './I', 'a/L', 'N-VA/U', 'Open/B', 'Vld/L', 'Vlaams/B', 'Belang/L',
    ]);
    expect(matched('In Den Haag steunen de PvdA, GroenLinks, D66 en DENK het plan.', 'ORG-party')).toEqual(['PvdA/U', 'GroenLinks/U', 'D66/U', 'DENK/U']);
  });

  it('find media with the article that belongs to their name', () => {
    expect(matched('Dat meldden De Standaard en de Volkskrant; NU.nl nam het bericht van Belga over.', 'ORG-media')).toEqual([
      'De/B', 'Standaard/L', 'de/B', 'Volkskrant/L', 'NU.nl/U', 'Belga/U',
    ]);
  });

  it('find public bodies, also inside a longer name of their own', () => {
    expect(matched('De Raad van State gaf de Tweede Kamer en de VN gelijk.', 'ORG-public')).toEqual([
      'Raad/B', 'van/I', 'State/L', 'Tweede/B', 'Kamer/L,U', 'VN/U',
    ]);
  });

  it('find companies', () => {
    expect(matched('bpost en AB InBev zoeken samen met H&M nieuwe klanten.', 'ORG-company')).toEqual(['bpost/U', 'AB/B', 'InBev/L,U', 'H/B', '&/I', 'M/L']);
  });

  it('find clubs by their full name, not by their town', () => {
    expect(matched('KRC Genk won in Genk van Club Brugge en Standard.', 'ORG-club')).toEqual(['KRC/B', 'Genk/L', 'Club/B', 'Brugge/L', 'Standard/U']);
  });
});
