import { describe, expect, it } from 'vitest';
import { roleFeatures } from '../src/ner/features.ts';
import { EMPTY_LEXICON_DATA, lexiconsFrom } from '../src/ner/lexicons.ts';
import { decodeModel, encodeModel } from '../src/ner/model-file.ts';
import { unlabelledSentences } from '../src/ner/unlabelled-text.ts';
import { ClusterCorpus, learnWordClasses, type WordClassData, wordClassesFrom } from '../src/ner/word-classes.ts';

const PEOPLE = ['Jan', 'Els', 'Karel', 'Sofie', 'Pieter', 'Anna'];
const PLACES = ['Gent', 'Brussel', 'Utrecht', 'Leuven', 'Antwerpen', 'Delft'];
const VERBS = ['zegt', 'vindt', 'meldt'];

/** People speak, places are lived in: two kinds of context, each word seen many times in its own. */
function contextCorpus(lowerCase = false): ClusterCorpus {
  const corpus = new ClusterCorpus(lowerCase);
  for (let round = 0; round < 20; round++) {
    PEOPLE.forEach((person, i) => {
      const place = PLACES[(i + round) % PLACES.length]!;
      corpus.add([person, VERBS[(i + round) % VERBS.length]!, 'dat', 'het', 'regent', 'in', place, '.']);
      corpus.add(['Volgens', person, 'is', 'het', 'mooi', 'weer', 'in', place, '.']);
    });
  }
  return corpus;
}

const OPTIONS = { sizes: [8, 16], minCount: 2, iterations: 20, seed: 1, lowerCase: false };

const classOf = (data: WordClassData, granularity: number, word: string) => data.classes[granularity]![data.words.indexOf(word)];

describe('word classes learnt from unlabelled text', () => {
  const data = learnWordClasses(contextCorpus(), OPTIONS);

  it('puts words used alike in one class and words used otherwise in another', () => {
    expect(new Set(PEOPLE.map((word) => classOf(data, 0, word))).size).toBe(1);
    expect(new Set(PLACES.map((word) => classOf(data, 0, word))).size).toBe(1);
    expect(classOf(data, 0, 'Jan')).not.toBe(classOf(data, 0, 'Gent'));
    // Finer classes may split a group, never mix the two.
    const people = new Set(PEOPLE.map((word) => classOf(data, 1, word)));
    expect(PLACES.some((word) => people.has(classOf(data, 1, word)))).toBe(false);
  });

  it('gives the same table for the same text and seed', () => {
    expect(learnWordClasses(contextCorpus(), OPTIONS)).toEqual(data);
  });

  it('leaves out words seen fewer than minCount times', () => {
    const corpus = contextCorpus();
    corpus.add(['Zelden', 'gezien', '.']);
    const table = learnWordClasses(corpus, OPTIONS);
    expect(table.words).toContain('Jan');
    expect(table.words).not.toContain('Zelden');
    table.sizes.forEach((size, g) => {
      expect(table.classes[g]).toHaveLength(table.words.length);
      expect(table.classes[g]!.every((c) => c >= 0 && c < size)).toBe(true);
    });
  });

  it('names a word’s classes for the word itself and for its neighbours, and none for an unknown word', () => {
    const classes = wordClassesFrom(data);
    const names = roleFeatures('Gent', classes);
    const [coarse, fine] = [classOf(data, 0, 'Gent'), classOf(data, 1, 'Gent')];
    expect(names.self).toEqual(expect.arrayContaining([`c8=${coarse}`, `c16=${fine}`]));
    expect(names.left1).toEqual(expect.arrayContaining([`c8-1=${coarse}`, `c16-1=${fine}`]));
    expect(names.right1).toEqual(expect.arrayContaining([`c8+1=${coarse}`, `c16+1=${fine}`]));
    expect(roleFeatures('Onbekend', classes)).toEqual(roleFeatures('Onbekend'));
  });

  it('looks lower-cased tables up by the lower-case word', () => {
    const lower = learnWordClasses(contextCorpus(true), { ...OPTIONS, lowerCase: true });
    expect(lower.words).toContain('gent');
    expect(lower.words).not.toContain('Gent');
    expect(wordClassesFrom(lower).of('GENT').self).toEqual(wordClassesFrom(lower).of('gent').self);
    expect(wordClassesFrom(lower).of('gent').self).toHaveLength(2);
  });

  it('travels inside the model file, and a model without it still loads with no classes', () => {
    const model = { features: new Map([['b', 0]]), parameters: { emission: new Float32Array(9), first: new Float32Array(90), second: new Float32Array(900) }, beamWidth: 2 };
    const withClasses = decodeModel(encodeModel({ ...model, lexicons: { ...EMPTY_LEXICON_DATA, wordClasses: data } }, { trainedOn: [], options: {} }).bytes);
    expect(withClasses.lexicons.wordClasses).toEqual(data);
    const without = decodeModel(encodeModel({ ...model, lexicons: EMPTY_LEXICON_DATA }, { trainedOn: [], options: {} }).bytes);
    expect(without.lexicons.wordClasses).toBeUndefined();
    expect(lexiconsFrom(without.lexicons).wordClasses.of('Gent').self).toEqual([]);
  });
});

describe('unlabelled text', () => {
  it('reads CoNLL by its first column, tags unused', () => {
    const conll = ['-DOCSTART- -DOCSTART- O', '', 'Jan N B-PER', 'zegt V O', '', 'Ja Int O', ''].join('\n');
    expect(unlabelledSentences(conll)).toEqual([['Jan', 'zegt'], ['Ja']]);
  });

  it('tokenizes plain text into sentences as the tagger does', () => {
    expect(unlabelledSentences('De CDA-leider zegt het. Hij komt naar Gent.\nO ja')).toEqual([
      ['De', 'CDA', '-', 'leider', 'zegt', 'het', '.'],
      ['Hij', 'komt', 'naar', 'Gent', '.'],
      ['O', 'ja'],
    ]);
  });
});
