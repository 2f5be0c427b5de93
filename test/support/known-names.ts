import { type ConllDocument, parseConll } from '../../src/ner/conll.ts';
import { EMPTY_LEXICON_DATA } from '../../src/ner/lexicons.ts';
import { type NerModel } from '../../src/ner/tagger.ts';
import { trainTagger } from '../../src/ner/train.ts';

const tagged = (words: string[], type: string) => words.map((word, k) => `${word} ${k === 0 ? 'B' : 'I'}-${type}`);

/**
 * Documents in which only the archive can tell a person's surname written alone from another word
 * like it: each person's full name is in one document ("Jan Peeters woont in Gent ."), the surname
 * alone in another, beside a word of the same kind that is tagged no name ("Gisteren kwam Peeters
 * aan ." and "Gisteren kwam Dekker aan .").
 */
function surnameCorpus(people: readonly string[], places: readonly string[], others: readonly string[]): ConllDocument[] {
  const lines: string[] = [];
  people.forEach((person, i) => {
    const name = person.split(' ');
    lines.push('-DOCSTART- O', '', ...tagged(name, 'PER'), 'woont O', 'in O', ...tagged([places[i % places.length]!], 'LOC'), '. O', '');
    lines.push('-DOCSTART- O', '', 'Gisteren O', 'kwam O', ...tagged([name.at(-1)!], 'PER'), 'aan O', '. O', '');
    lines.push('Gisteren O', 'kwam O', `${others[i % others.length]!} O`, 'aan O', '. O', '');
  });
  return parseConll(lines.join('\n'));
}

/** A tiny model trained on `surnameCorpus` with known names: what makes a lone surname a person is the archive. */
export function trainSurnameModel(): Omit<NerModel, 'version'> {
  const documents = surnameCorpus(
    ['Jan Peeters', 'Els Wouters', 'Mohammed Amrani', 'Sofie Janssens', 'Pieter Claes', 'Anna Smit', 'Karel Maes', 'Lotte Bakker'],
    ['Gent', 'Utrecht', 'Brussel', 'Leiden'],
    ['Dekker', 'Mertens', 'Willems', 'Jacobs', 'Hermans', 'Goossens'],
  );
  return trainTagger(documents, {
    epochs: 8,
    beamWidth: 4,
    minCount: 1,
    seed: 7,
    runs: 1,
    lexicons: EMPTY_LEXICON_DATA,
    knownNames: { minMentions: 1, limit: 1000, forgetRate: 0 },
  });
}
