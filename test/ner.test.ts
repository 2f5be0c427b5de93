import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConllDocument, parseConll } from '../src/ner/conll.ts';
import { evaluate, evaluateTagger, formatConfusions, tagConll } from '../src/ner/evaluate.ts';
import { EmissionScorer } from '../src/ner/emission-scorer.ts';
import { IdTable } from '../src/ner/id-table.ts';
import { documentContext, sentenceFeatures } from '../src/ner/features.ts';
import { toBilou } from '../src/ner/labels.ts';
import { EMPTY_LEXICON_DATA, lexiconsFrom } from '../src/ner/lexicons.ts';
import { DocumentMemory } from '../src/ner/memory.ts';
import { emissionScores } from '../src/ner/perceptron.ts';
import { decodeModel, encodeModel } from '../src/ner/model-file.ts';
import { Tagger } from '../src/ner/tagger.ts';
import { caseCopies, trainTagger } from '../src/ner/train.ts';
import { triggerClass } from '../src/ner/trigger-words.ts';
import { ClusterCorpus, learnWordClasses } from '../src/ner/word-classes.ts';
import { runCli } from './support/cli.ts';
import { FIXTURES, REPO_ROOT } from './support/environment.ts';

/** Sentences made from a few patterns; the tagger must learn where the names are and what they are. */
function tinyCorpus(people: string[], places: string[], companies: string[]): string {
  const lines: string[] = [];
  people.forEach((person, i) => {
    const place = places[i % places.length]!;
    const company = companies[i % companies.length]!;
    const name = person.split(' ');
    const tagged = (words: string[], type: string) => words.map((word, k) => `${word} ${k === 0 ? 'B' : 'I'}-${type}`);
    lines.push('-DOCSTART- O', '');
    lines.push(...tagged(name, 'PER'), 'woont O', 'in O', ...tagged(place.split(' '), 'LOC'), '. O', '');
    lines.push('Volgens O', ...tagged(name, 'PER'), 'verliest O', ...tagged(company.split(' '), 'ORG'), 'geld O', '. O', '');
    lines.push('Het O', 'bedrijf O', ...tagged(company.split(' '), 'ORG'), 'zit O', 'in O', ...tagged(place.split(' '), 'LOC'), '. O', '');
  });
  return lines.join('\n');
}

const training = parseConll(
  tinyCorpus(
    ['Jan Peeters', 'Els de Vries', 'Mohammed Amrani', 'Sofie Janssens', 'Pieter Claes', 'Anna Smit', 'Karel Maes', 'Lotte Bakker'],
    ['Gent', 'Den Haag', 'Brussel', 'Utrecht'],
    ['Philips', 'Ahold Delhaize', 'Proximus'],
  ),
);
const options = { epochs: 8, beamWidth: 4, minCount: 1, seed: 7, runs: 2, lexicons: EMPTY_LEXICON_DATA };
const unseen: ConllDocument[] = parseConll(tinyCorpus(['Ruud Visser', 'Ilse Wouters'], ['Leuven', 'Antwerpen'], ['Colruyt', 'Unilever']));

describe('the entity tagger', () => {
  const model = trainTagger(training, options);
  const tagger = new Tagger({ ...model, version: 'test' });

  it('learns a tiny training set and tags it exactly', () => {
    expect(evaluateTagger(tagger, training).overall.f1).toBe(1);
  });

  it('tags names it never saw from their context', () => {
    const result = evaluateTagger(tagger, unseen);
    expect(result.overall.recall).toBeGreaterThanOrEqual(0.9);
    expect(result.overall.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('gives the same model, file and version for the same data and seed, another for another seed', () => {
    const again = encodeModel(trainTagger(training, options), { trainedOn: ['tiny'], options });
    const first = encodeModel(model, { trainedOn: ['tiny'], options });
    expect(again.version).toBe(first.version);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(encodeModel(trainTagger(training, { ...options, seed: 8 }), { trainedOn: ['tiny'], options }).version).not.toBe(first.version);
  });

  it('searches a wider beam in training than the one the model keeps for tagging, when told to', () => {
    const narrow = trainTagger(training, { ...options, taggingBeamWidth: 2 });
    expect([model.beamWidth, narrow.beamWidth]).toEqual([options.beamWidth, 2]);
    expect(narrow.parameters.emission).toEqual(model.parameters.emission);
    expect(evaluateTagger(new Tagger({ ...narrow, version: 'narrow' }), training).overall.f1).toBe(1);
  });

  it('tags alike after the model went through its file', () => {
    const { bytes, version } = encodeModel(model, { trainedOn: ['tiny'], options });
    const loaded = decodeModel(bytes);
    expect(loaded.version).toBe(version);
    expect(tagConll(new Tagger(loaded), unseen).tags).toEqual(tagConll(tagger, unseen).tags);
  });

  it('scores every token as the sum of the weights of its named features, word classes included, also where words hold |', () => {
    const odd = parseConll(['-DOCSTART- O', '', 'A|b B-ORG', 'zegt O', '| O', 'x|y|z O', 'in O', 'Den B-LOC', 'Haag I-LOC', '| O', ''].join('\n'));
    const text = new ClusterCorpus(false);
    for (const document of [...training, ...odd]) for (const sentence of document.sentences) text.add(sentence.map((token) => token.word));
    const wordClasses = learnWordClasses(text, { sizes: [4, 16], minCount: 1, iterations: 5, seed: 1, lowerCase: false });
    const lexicons = { usuallyLowercase: ['volgens'], gazetteers: { 'LOC-city': ['Gent', 'Den Haag'], 'PER-first': ['Jan'] }, wordClasses };
    const trained = trainTagger([...training, ...odd], { ...options, lexicons });
    const matcher = lexiconsFrom(lexicons);
    const scorer = new EmissionScorer(trained.features, trained.parameters.emission, matcher);
    for (const document of [...training, ...unseen, ...odd]) {
      const sentences = document.sentences.map((sentence) => sentence.map((token) => token.word));
      const gazetteers = sentences.map((words) => matcher.gazetteer(words));
      const context = documentContext(sentences, gazetteers);
      const memory = new DocumentMemory();
      sentences.forEach((words, s) => {
        const named = sentenceFeatures(words, gazetteers[s]!, matcher, context).map((names, i) => [...names, memory.feature(words[i]!) ?? '']);
        const ids = named.map((names) => Int32Array.from(names.flatMap((name) => trained.features.get(name) ?? [])));
        const expected = emissionScores(trained.parameters, ids);
        const actual = scorer.scores(words, gazetteers[s]!, context, memory);
        expect(Math.max(...actual.map((score, k) => Math.abs(score - expected[k]!)))).toBeLessThan(1e-4);
        memory.remember(words, toBilou(document.sentences[s]!.map((token) => token.tag)));
      });
    }
  });

  it('also learns one sentence in ten in capitals and the next in lower case, as documents of their own', () => {
    const sentences = training.flatMap((document) => document.sentences);
    const copies = caseCopies(training);
    expect(copies.map((copy) => copy.document.sentences.length)).toEqual(Array(copies.length).fill(1));
    expect(copies.map((copy) => copy.document.sentences[0]!.map((token) => `${token.word} ${token.tag}`))).toEqual(
      [0, 1, 10, 11, 20, 21].map((s) => sentences[s]!.map((token) => `${s % 10 === 0 ? token.word.toUpperCase() : token.word.toLowerCase()} ${token.tag}`)),
    );
    // The tiny corpus has three sentences a document: each copy names the document it came from.
    expect(copies.map((copy) => copy.source)).toEqual([0, 0, 3, 3, 6, 7]);
  });

  it('refuses a file that is not a model, saying so', () => {
    expect(() => decodeModel(Buffer.from('hello'))).toThrow(/not a gzip-compressed model file/);
  });
});

describe('the gazetteer', () => {
  const lexicons = lexiconsFrom({ usuallyLowercase: ['van', 'den'], gazetteers: { 'LOC-city': ['Antwerpen', 'Den Haag', 'Gent'], 'PER-last': ['Verlinden', 'Van'] } });
  const matches = (sentence: string) => lexicons.gazetteer(sentence.split(' '));

  it('finds names written in capitals, and in a sentence without capitals, as if in title case', () => {
    expect(matches('ANTWERPEN - Verlinden')).toEqual([['LOC-city-U'], [], ['PER-last-U']]);
    expect(matches('ONTSLAG VAN MINISTER VERLINDEN')).toEqual([[], [], [], ['PER-last-U']]);
    expect(matches('treinverkeer in gent plat')).toEqual([[], [], ['LOC-city-U'], []]);
  });

  it('leaves lower-case words alone in a sentence with capitals, and words the dictionary writes in lower case', () => {
    expect(matches('De trein naar gent')).toEqual([[], [], [], []]);
    expect(matches('den haag en van')).toEqual([[], [], [], []]);
  });
});

describe('the trigger words', () => {
  it('classes titles also behind a hyphen, a prefix or as the head of a compound, and speech, organisation and nationality words', () => {
    const classes = ['minister', 'oud-minister', 'vicepremier', 'ex-partijvoorzitter', 'justitieminister', 'vrt-woordvoerster', 'prof.', 'volgens', 'nv', 'vakbond', 'franse'].map(triggerClass);
    expect(classes).toEqual(['TITLE', 'TITLE', 'TITLE', 'TITLE', 'TITLE', 'TITLE', 'TITLE', 'SPEECH', 'ORG', 'ORG', 'NATIONALITY']);
  });

  it('leaves other words, and short heads a word merely ends in, without a class', () => {
    expect(['de', 'antwerpen', 'verbond', 'huisarts', 'spitsuur', 'oud-', 'vindt'].map(triggerClass)).toEqual(Array(7).fill(undefined));
  });
});

describe('the id table', () => {
  it('finds every id it was given, also for keys beyond 32 bits, and misses others', () => {
    const table = new IdTable();
    const keys = Array.from({ length: 5000 }, (_, i) => i * 2 ** 40 + i * 7);
    keys.forEach((key, id) => table.set(key, id));
    table.set(keys[3]!, 99);
    expect(keys.map((key) => table.get(key))).toEqual(keys.map((_, id) => (id === 3 ? 99 : id)));
    expect([1, 2 ** 40, keys.at(-1)! + 1, Number.MAX_SAFE_INTEGER].map((key) => table.get(key))).toEqual([-1, -1, -1, -1]);
  });
});

describe('the evaluation', () => {
  // Gold and predicted tags side by side (word, gold, predicted), with one error of each kind.
  const sample = parseConll(
    [
      'minister O B-PER', 'Blinken B-PER I-PER', 'spreekt O O', 'de O O', 'Franse B-MISC B-ORG', 'Assemblee B-ORG I-ORG', 'toe O O', '. O O', '',
      'Marie B-PER B-PER', 'Peeters I-PER I-PER', '( O O', 'Groen B-ORG O', ') O O', 'zegt O B-MISC', 'in O O', 'Gent B-LOC B-ORG', 'tegen O O', 'VRT B-ORG O', '. O O', '',
      'cd&v B-ORG O', 'en O O', 'Vooruit B-ORG O', 'ook O O', '. O O',
    ].join('\n'),
  )[0]!.sentences.map((sentence) => ({
    words: sentence.map((token) => token.word),
    gold: sentence.map((token) => token.columns[1]!),
    predicted: sentence.map((token) => token.tag),
  }));
  const result = evaluate(sample);

  it('counts an entity right only with its type and both boundaries', () => {
    expect(result.overall).toMatchObject({ gold: 9, predicted: 5, correct: 1 });
    expect(result.byType.PER).toMatchObject({ gold: 2, predicted: 2, correct: 1 });
    expect(result.byType.ORG).toMatchObject({ gold: 5, predicted: 2, correct: 0 });
  });

  it('groups the errors by kind, most frequent first, with the first two examples of each', () => {
    expect(result.confusions.map(({ gold, predicted, boundary, count, examples }) => [gold, predicted, boundary, count, examples])).toEqual([
      ['ORG', 'O', false, 4, ['"Groen"', '"VRT"']],
      ['LOC', 'ORG', false, 1, ['"Gent"']],
      ['MISC', 'ORG', true, 1, ['"Franse" as "Franse Assemblee"']],
      ['O', 'MISC', false, 1, ['"zegt"']],
      ['ORG', 'ORG', true, 1, ['"Assemblee" as "Franse Assemblee"']],
      ['PER', 'PER', true, 1, ['"Blinken" as "minister Blinken"']],
    ]);
  });

  it('prints the most frequent errors one a line', () => {
    const lines = formatConfusions(result.confusions, 2).split('\n');
    expect(lines).toEqual([
      'most frequent errors (gold → predicted; 9 in all):',
      '     4  ORG → O    "Groen", "VRT"',
      '     1  LOC → ORG  "Gent"',
    ]);
    expect(formatConfusions([])).toBe('no errors');
  });
});

describe('the ner commands', () => {
  let dir: string;
  let modelFile: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'news-ingest-ner-'));
    modelFile = path.join(dir, 'tiny.model');
    await writeFile(path.join(dir, 'train.conll'), tinyCorpus(['Jan Peeters', 'Els de Vries', 'Karel Maes'], ['Gent', 'Brussel'], ['Philips', 'Proximus']));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('ner-train writes a model that ner-eval scores', async () => {
    const train = await runCli(['ner-train', path.join(dir, 'train.conll'), '--out', modelFile, '--epochs', '5', '--runs', '1'], process.env);
    expect(train.code, train.stderr).toBe(0);
    expect(train.stderr).toMatch(/run 1\/1, epoch 5\/5/);
    const evaluation = await runCli(['ner-eval', path.join(dir, 'train.conll'), '--model', modelFile], process.env);
    expect(evaluation.code, evaluation.stderr).toBe(0);
    expect(evaluation.stdout).toMatch(/^overall\s+100\.00\s+100\.00\s+100\.00\s+18$/m);
    expect(evaluation.stdout).toMatch(/tokens\/s/);
  });

  it('ner --conll writes every line back with one more column, keeping blank and -DOCSTART- lines', async () => {
    const input = ['-DOCSTART- -X- O', '', 'Jan\tN', 'Peeters\tN', 'woont\tV', 'in\tPrep', 'Gent\tN', '.\tPunc', '', 'Hallo', ''].join('\n');
    const result = await runCli(['ner', '--conll', '--model', modelFile], process.env, input);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(input.split('\n').length);
    expect(lines.slice(0, 2)).toEqual(['-DOCSTART- -X- O', '']);
    expect(lines.slice(2, 8)).toEqual(['Jan\tN\tB-PER', 'Peeters\tN\tI-PER', 'woont\tV\tO', 'in\tPrep\tO', 'Gent\tN\tB-LOC', '.\tPunc\tO']);
    expect(lines[9]).toMatch(/^Hallo (O|[BI]-(PER|LOC|ORG|MISC))$/);
  });

  it('ner prints JSON entities with offsets into the text', async () => {
    const text = 'Volgens Karel Maes verliest Philips geld.';
    const result = await runCli(['ner', '--model', modelFile], process.env, text);
    expect(result.code, result.stderr).toBe(0);
    const entities = JSON.parse(result.stdout) as { type: string; text: string; start: number; end: number }[];
    expect(entities.map(({ type, text }) => [type, text])).toEqual([
      ['PER', 'Karel Maes'],
      ['ORG', 'Philips'],
    ]);
    for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it('ner-eval scores the shipped model per type on the hand-annotated news set and lists its errors', async () => {
    const fixture = path.join(FIXTURES, 'ner-news-2020s.conll');
    const result = await runCli(['ner-eval', fixture, '--model', path.join(REPO_ROOT, 'models/ner-nl.model')], process.env);
    expect(result.code, result.stderr).toBe(0);
    for (const type of ['PER', 'LOC', 'ORG', 'MISC', 'overall']) {
      const row = new RegExp(`^${type}\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+\\d+$`, 'm').exec(result.stdout);
      expect(row, type).not.toBeNull();
      // A sanity floor: the figures themselves are the README's baseline, not a test.
      expect(Number(row![3]), type).toBeGreaterThan(30);
    }
    const errors = result.stdout.split('most frequent errors')[1]!.split('\n\n')[0]!.split('\n').slice(1);
    expect(errors).toHaveLength(10);
    for (const line of errors) expect(line).toMatch(/^\s+\d+ {2}(O|PER|LOC|ORG|MISC) → (O|PER|LOC|ORG|MISC)( \(boundary\))? +"[^"]+"/);
  });

  it('names a missing model file and what to do', async () => {
    const result = await runCli(['ner-eval', path.join(dir, 'train.conll'), '--model', path.join(dir, 'none.model')], process.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read the entity model .*none\.model \(ENOENT\); train one with ner-train/);
  });
});
