import type { ConllDocument } from './conll.ts';
import { documentContext, sentenceFeatures } from './features.ts';
import { LABEL_COUNT as L, START, toBilou } from './labels.ts';
import { DocumentMemory, MEMORY_FEATURES } from './memory.ts';
import { AveragedWeights, beamDecode, emissionScores, FIRST_SIZE, type Parameters, SECOND_SIZE } from './perceptron.ts';
import { type KnownNames, type KnownNamesOptions, NameArchive } from './known-names.ts';
import { type LexiconData, lexiconsFrom } from './lexicons.ts';
import { random } from './random.ts';
import type { NerModel } from './tagger.ts';

export interface TrainingOptions {
  epochs: number;
  /** The beam searched while training. */
  beamWidth: number;
  /**
   * The beam the trained model tags with (the training beam unless given): a wider beam in
   * training finds more of the mistakes worth correcting, and the weights it learns tag as well
   * with a narrower, faster beam.
   */
  taggingBeamWidth?: number;
  /** Features seen fewer times in the training data are not learnt. */
  minCount: number;
  seed: number;
  /** Independent runs (seeds `seed`, `seed + 1`, ...) whose weights are averaged: steadier than one run. */
  runs: number;
  lexicons: LexiconData;
  /**
   * Learn how far to trust the names an archive already holds (`KnownNames`): each document is
   * given the gold names of the other documents, less a `forgetRate` fraction of them, so that a
   * name is not always known and the names of this document alone never are, as in an archive.
   */
  knownNames?: KnownNamesOptions & { forgetRate: number };
  /** Called after each epoch of each run with that run's model as it would be saved then. */
  onEpoch?(progress: { run: number; epoch: number; sentences: number; updates: number; seconds: number }, model: Omit<NerModel, 'version'>): void;
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

interface PreparedSentence {
  words: string[];
  gold: number[];
  staticNames: string[][];
}

/** Feature ids of a sentence's tokens; features the model never learnt are left out. */
function featureIds(features: ReadonlyMap<string, number>, names: readonly string[][]): Int32Array[] {
  return names.map((list) => {
    const ids = new Int32Array(list.length);
    let known = 0;
    for (const name of list) {
      const id = features.get(name);
      if (id !== undefined) ids[known++] = id;
    }
    return ids.subarray(0, known);
  });
}

/** A sentence's static feature names plus what the document memory says so far. */
function withMemory(staticNames: string[][], memory: DocumentMemory, words: readonly string[]): string[][] {
  const remembered = memory.features(words);
  return staticNames.map((names, i) => (remembered[i]!.length > 0 ? [...names, ...remembered[i]!] : names));
}

/** Counts feature names over the training data and numbers those seen often enough. */
function featureIndex(documents: PreparedSentence[][], minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const document of documents) {
    for (const sentence of document) {
      for (const names of sentence.staticNames) for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  const index = new Map<string, number>();
  for (const [name, count] of counts) if (count >= minCount) index.set(name, index.size);
  for (const name of MEMORY_FEATURES) if (!index.has(name)) index.set(name, index.size);
  return index;
}

/** The mean of several runs' weights ("parameter mixing"). */
function mixed(runs: readonly Parameters[]): Parameters {
  const mean = (pick: (parameters: Parameters) => Float32Array) => {
    const result = new Float32Array(pick(runs[0]!).length);
    for (const run of runs) pick(run).forEach((weight, i) => (result[i]! += weight / runs.length));
    return result;
  };
  return { emission: mean((p) => p.emission), first: mean((p) => p.first), second: mean((p) => p.second) };
}

/** Per document, the names of all the others as known names (see `TrainingOptions.knownNames`); the same for a seed. */
function leaveOneOutKnownNames(documents: readonly ConllDocument[], options: KnownNamesOptions & { forgetRate: number }, seed: number): KnownNames[] {
  const wordsOf = (document: ConllDocument) => document.sentences.map((sentence) => sentence.map((token) => token.word));
  const tagsOf = (document: ConllDocument) => document.sentences.map((sentence) => sentence.map((token) => token.tag));
  const own = documents.map((document) => new NameArchive().add(wordsOf(document), tagsOf(document)));
  const whole = new NameArchive();
  for (const document of documents) whole.add(wordsOf(document), tagsOf(document));
  const forgetting = { rate: options.forgetRate, next: random(seed ^ 0x5bd1e995) };
  return own.map((archive) => whole.known(options, archive, forgetting));
}

/**
 * One sentence in CASE_COPY_EVERY is also learnt in capitals and the next one in lower case, as
 * a document of its own: news has datelines and headlines in capitals and headlines in lower case,
 * which the training corpora hardly hold.
 */
const CASE_COPY_EVERY = 10;

/** The copies, each with the index of the document its sentence comes from. */
export function caseCopies(documents: readonly ConllDocument[]): { document: ConllDocument; source: number }[] {
  const copies: { document: ConllDocument; source: number }[] = [];
  let count = 0;
  documents.forEach((document, source) => {
    for (const sentence of document.sentences) {
      const turn = count++ % CASE_COPY_EVERY;
      const recase = turn === 0 ? (word: string) => word.toUpperCase() : turn === 1 ? (word: string) => word.toLowerCase() : undefined;
      if (recase) copies.push({ document: { sentences: [sentence.map((token) => ({ ...token, word: recase(token.word) }))] }, source });
    }
  });
  return copies;
}

/**
 * Trains averaged perceptrons with beam search and early updates (when the gold labels fall out
 * of the beam, the weights are corrected on the prefix decoded so far), and mixes the runs.
 */
export function trainTagger(documents: ConllDocument[], options: TrainingOptions): Omit<NerModel, 'version'> {
  const lexicons = lexiconsFrom(options.lexicons);
  const known = options.knownNames ? leaveOneOutKnownNames(documents, options.knownNames, options.seed) : undefined;
  // A copy is told the names its original is told: never its own.
  const all = [...documents.map((document, source) => ({ document, source })), ...caseCopies(documents)];
  const prepared: PreparedSentence[][] = all.map(({ document, source }) => {
    const sentences = document.sentences.map((sentence) => sentence.map((token) => token.word));
    const gazetteers = sentences.map((words) => (known ? known[source]!.addMatches(words, lexicons.gazetteer(words)) : lexicons.gazetteer(words)));
    const context = documentContext(sentences, gazetteers);
    return document.sentences.map((sentence, s) => ({
      words: sentences[s]!,
      gold: toBilou(sentence.map((token) => token.tag)),
      staticNames: sentenceFeatures(sentences[s]!, gazetteers[s]!, lexicons, context),
    }));
  });
  const features = featureIndex(prepared, options.minCount);
  const model = (parameters: Parameters) => ({ features, parameters, beamWidth: options.taggingBeamWidth ?? options.beamWidth, lexicons: options.lexicons });
  const runs = Array.from({ length: options.runs }, (_, run) =>
    trainRun(prepared, features, options, run, (progress, parameters) => options.onEpoch?.(progress, model(parameters))),
  );
  return model(mixed(runs));
}

function trainRun(
  prepared: PreparedSentence[][],
  features: ReadonlyMap<string, number>,
  options: TrainingOptions,
  run: number,
  onEpoch: (progress: { run: number; epoch: number; sentences: number; updates: number; seconds: number }, parameters: Parameters) => void,
): Parameters {
  const emission = new AveragedWeights(features.size * L);
  const first = new AveragedWeights(FIRST_SIZE);
  const second = new AveragedWeights(SECOND_SIZE);
  const live: Parameters = { emission: emission.weights, first: first.weights, second: second.weights };
  const next = random(options.seed + run);
  let step = 0;

  const update = (ids: Int32Array[], gold: readonly number[], predicted: readonly number[]) => {
    for (let i = 0; i < predicted.length; i++) {
      const g = gold[i]!;
      const p = predicted[i]!;
      if (g !== p) {
        for (const id of ids[i]!) {
          emission.add(id * L + g, 1, step);
          emission.add(id * L + p, -1, step);
        }
      }
      const g1 = i > 0 ? gold[i - 1]! : START;
      const p1 = i > 0 ? predicted[i - 1]! : START;
      const g2 = i > 1 ? gold[i - 2]! : START;
      const p2 = i > 1 ? predicted[i - 2]! : START;
      if (g !== p || g1 !== p1) {
        first.add(g1 * L + g, 1, step);
        first.add(p1 * L + p, -1, step);
      }
      if (g !== p || g1 !== p1 || g2 !== p2) {
        second.add((g2 * (L + 1) + g1) * L + g, 1, step);
        second.add((p2 * (L + 1) + p1) * L + p, -1, step);
      }
    }
  };

  const averaged = (): Parameters => ({ emission: emission.averaged(step), first: first.averaged(step), second: second.averaged(step) });

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const started = performance.now();
    let sentences = 0;
    let updates = 0;
    for (const document of shuffled(prepared, next)) {
      const memory = new DocumentMemory();
      for (const sentence of document) {
        step += 1;
        sentences += 1;
        const ids = featureIds(features, withMemory(sentence.staticNames, memory, sentence.words));
        const scores = emissionScores(live, ids);
        // The memory learns from the tagger's own output, as it will when tagging unseen text.
        const { labels: predicted } = beamDecode(live, scores, sentence.words.length, options.beamWidth);
        memory.remember(sentence.words, predicted);
        if (predicted.some((label, i) => label !== sentence.gold[i])) {
          updates += 1;
          const early = beamDecode(live, scores, sentence.words.length, options.beamWidth, sentence.gold);
          update(ids, sentence.gold, early.labels);
        }
      }
    }
    onEpoch({ run: run + 1, epoch, sentences, updates, seconds: (performance.now() - started) / 1000 }, averaged());
  }
  return averaged();
}
