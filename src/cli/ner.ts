import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { text as readStream } from 'node:stream/consumers';
import type { Command } from 'commander';
import { parseArticleFile } from '../article/parse.ts';
import type { Config } from '../config.ts';
import type { EntityExtractor } from '../entities/entity.ts';
import { documentGoldSchema, evaluateDocuments } from '../entities/evaluate.ts';
import { defaultExtractorFor } from '../entities/index.ts';
import { parseConll } from '../ner/conll.ts';
import { evaluateTagger, formatConfusions, formatEvaluation, tagConll } from '../ner/evaluate.ts';
import { KNOWN_NAMES_DEFAULTS, NameArchive } from '../ner/known-names.ts';
import { readModelFile, writeModelFile } from '../ner/model-store.ts';
import { Tagger } from '../ner/tagger.ts';
import { trainTagger } from '../ner/train.ts';
import { DEFAULT_CLUSTERING } from '../ner/word-classes.ts';
import { fraction, wholeNumber, wholeNumbers } from './options.ts';
import { startProgress } from './progress.ts';

const progress = (line: string) => process.stderr.write(`${line}\n`);

const readConll = async (file: string) => parseConll(await readFile(file, 'utf8'));

function loadTagger(file: string): { tagger: Tagger; seconds: number } {
  const started = performance.now();
  const tagger = new Tagger(readModelFile(file));
  return { tagger, seconds: (performance.now() - started) / 1000 };
}

/**
 * Writes each CoNLL line back with the predicted IOB2 tag as one more column, keeping blank and
 * `-DOCSTART-` lines; the column separator follows the input (tab or space).
 */
function conllWithTags(input: string, tagger: Tagger): string {
  const documents = parseConll(input);
  const tags = tagConll(tagger, documents).tags.flat(2);
  let next = 0;
  const lineEnd = input.includes('\r\n') ? '\r\n' : '\n';
  return input
    .split(/\r?\n/)
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.split(/\s+/)[0] === '-DOCSTART-') return line;
      return `${line.trimEnd()}${line.includes('\t') ? '\t' : ' '}${tags[next++]}`;
    })
    .join(lineEnd);
}

/** Document-level scores of the extractor on articles annotated in a JSON gold file. */
async function evaluateArticles(goldFile: string, folder: string, extractor: EntityExtractor) {
  const gold = documentGoldSchema.parse(JSON.parse(await readFile(goldFile, 'utf8')));
  const documents = await Promise.all(
    gold.documents.map(async (document) => {
      const article = parseArticleFile(await readFile(path.join(folder, document.file)));
      return { gold: document, mentions: extractor.extract(article.text) };
    }),
  );
  return evaluateDocuments(documents);
}

interface TrainOptions {
  out?: string;
  dev?: string;
  names?: string[];
  epochs: number;
  beam: number;
  tagBeam: number;
  minCount: number;
  seed: number;
  runs: number;
  clusterText?: string[];
  clustersFromArchive?: boolean;
  clusterSizes: number[];
  clusterMinCount: number;
  clusterAsWritten?: boolean;
  knownNames: boolean;
  knownMinMentions: number;
  forgetRate: number;
}

export function addNerCommands(program: Command, config: () => Config): void {
  program
    .command('ner-train')
    .description('train the entity tagger on CoNLL files (IOB2 tags in the last column) and write its model file')
    .argument('<files...>', 'training files; each -DOCSTART- line starts a document')
    .option('--out <file>', 'where to write the model (default: NER_MODEL)')
    .option('--dev <file>', 'CoNLL file to score after each epoch')
    .option('--names <files...>', 'annotated CoNLL files whose entity names become names lists (not training data)')
    .option('--epochs <n>', 'passes over the training data', wholeNumber(1), 10)
    .option('--beam <n>', 'beam width while training', wholeNumber(1), 16)
    .option('--tag-beam <n>', 'beam width the model tags with', wholeNumber(1), 8)
    .option('--min-count <n>', 'features seen fewer times are not learnt', wholeNumber(1), 2)
    .option('--seed <n>', 'shuffling seed: the same data and seed give the same model', wholeNumber(1), 1)
    .option('--runs <n>', 'independent runs whose weights are averaged', wholeNumber(1), 3)
    .option('--no-known-names', 'do not learn to use the names an archive already holds')
    .option('--known-min-mentions <n>', 'a name other documents mention fewer times is not known', wholeNumber(1), KNOWN_NAMES_DEFAULTS.minMentions)
    .option('--forget-rate <r>', 'the fraction of the other documents\' names left unknown, so that a known name is not over-trusted', fraction, 0.25)
    .option('--cluster-text <files...>', 'unlabelled text (plain UTF-8, or CoNLL whose first column is read) to learn word classes from')
    .option('--clusters-from-archive', 'learn word classes from the text of the articles stored in the database too')
    .option('--cluster-sizes <n,n>', 'numbers of word classes, one granularity each', wholeNumbers(2), DEFAULT_CLUSTERING.sizes)
    .option('--cluster-min-count <n>', 'words seen fewer times get no class', wholeNumber(1), DEFAULT_CLUSTERING.minCount)
    .option('--cluster-as-written', 'cluster words as written rather than lower-cased')
    .action(async (files: string[], options: TrainOptions) => {
      const out = path.resolve(options.out ?? config().nerModel);
      const documents = (await Promise.all(files.map(readConll))).flat();
      const dev = options.dev ? await readConll(options.dev) : undefined;
      progress(`training on ${documents.length} documents, ${documents.reduce((n, d) => n + d.sentences.length, 0)} sentences`);
      // Loaded on use: the word lists it gathers from are large, and only training needs them.
      const { gatherLexiconData } = await import('../ner/lexicon-sources.ts');
      const lexicons = gatherLexiconData(await Promise.all((options.names ?? []).map((file) => readFile(file, 'utf8'))));
      const clustering = { ...DEFAULT_CLUSTERING, sizes: options.clusterSizes, minCount: options.clusterMinCount, seed: options.seed, lowerCase: !options.clusterAsWritten };
      // Loaded on use, like the word lists: only training reads unlabelled text or the archive.
      const { learnWordClassesFrom } = await import('./word-classes.ts');
      const wordClasses = await learnWordClassesFrom({ files: options.clusterText ?? [], archive: options.clustersFromArchive ?? false }, clustering, config, progress);
      if (wordClasses) lexicons.wordClasses = wordClasses;
      const passes = startProgress('ner-train', { unit: 'epochs', total: options.runs * options.epochs });
      const model = trainTagger(documents, {
        epochs: options.epochs,
        beamWidth: options.beam,
        taggingBeamWidth: options.tagBeam,
        minCount: options.minCount,
        seed: options.seed,
        runs: options.runs,
        lexicons,
        knownNames: options.knownNames ? { ...KNOWN_NAMES_DEFAULTS, minMentions: options.knownMinMentions, forgetRate: options.forgetRate } : undefined,
        onEpoch(step, snapshot) {
          const score = dev ? evaluateTagger(new Tagger({ ...snapshot, version: 'training' }), dev).overall.f1 : undefined;
          passes.note(
            `run ${step.run}/${options.runs}, epoch ${step.epoch}/${options.epochs}: ${step.updates}/${step.sentences} sentences corrected, ${step.seconds.toFixed(1)} s` +
              (score === undefined ? '' : `, dev F1 ${(score * 100).toFixed(2)}`),
          );
          passes.add();
        },
      });
      passes.finish();
      if (dev) progress(`mixed model: dev F1 ${(evaluateTagger(new Tagger({ ...model, version: 'training' }), dev).overall.f1 * 100).toFixed(2)}`);
      const about = {
        trainedOn: files.map((file) => path.basename(file)),
        options: {
          epochs: options.epochs,
          beam: options.beam,
          tagBeam: options.tagBeam,
          minCount: options.minCount,
          seed: options.seed,
          runs: options.runs,
          names: (options.names ?? []).map((file) => path.basename(file)),
          knownNames: options.knownNames ? { minMentions: options.knownMinMentions, forgetRate: options.forgetRate } : false,
          ...(wordClasses && {
            wordClasses: { text: (options.clusterText ?? []).map((file) => path.basename(file)), archive: options.clustersFromArchive ?? false, sizes: wordClasses.sizes, lowerCase: wordClasses.lowerCase },
          }),
        },
      };
      const written = await writeModelFile(out, model, about);
      progress(`wrote ${out}: ${(written.bytes / 1e6).toFixed(1)} MB, ${model.features.size} features, version ${written.version}`);
    });

  program
    .command('ner-eval')
    .description('score the tagger: entity-level precision, recall and F1 and the most frequent errors on a CoNLL file, or per article against a JSON gold file')
    .argument('<file>', 'CoNLL file with gold IOB2 tags in the last column, or a .json file of gold entities per article')
    .option('--model <file>', 'model file (default: NER_MODEL)')
    .option('--articles <folder>', 'where the articles a JSON gold file names are (default: SEEDS_DIR)')
    .option('--archive', 'tag the documents in file order, each given as known names the names tagged before it (the archive as memory); the scores without are shown first')
    .option('--archive-from <files...>', 'with --archive: CoNLL files tagged first (not scored), whose names start the archive as older articles would')
    .option('--known-min-mentions <n>', 'with --archive: a name tagged fewer times before is not known', wholeNumber(1), KNOWN_NAMES_DEFAULTS.minMentions)
    .action(async (file: string, options: { model?: string; articles?: string; archive?: boolean; archiveFrom?: string[]; knownMinMentions: number }) => {
      const modelFile = options.model ?? config().nerModel;
      if (file.endsWith('.json')) {
        console.log(formatEvaluation(await evaluateArticles(file, options.articles ?? config().seedsDir, defaultExtractorFor(modelFile))));
        return;
      }
      const { tagger, seconds } = loadTagger(modelFile);
      const documents = await readConll(file);
      let result = evaluateTagger(tagger, documents);
      // A running worker has tagged many articles before: its steady speed is that of a second pass.
      const warm = tagConll(tagger, documents).tokensPerSecond;
      if (options.archive) {
        const archive = { options: { ...KNOWN_NAMES_DEFAULTS, minMentions: options.knownMinMentions }, names: new NameArchive() };
        for (const older of options.archiveFrom ?? []) tagConll(tagger, await readConll(older), archive);
        console.log(`without the archive:\n${formatEvaluation(result)}\n\nwith the archive (the names tagged before each document):`);
        result = { ...evaluateTagger(tagger, documents, archive), tokensPerSecond: result.tokensPerSecond };
      }
      console.log(formatEvaluation(result));
      console.log(`\n${formatConfusions(result.confusions)}\n`);
      console.log(
        `model ${tagger.model.version} loaded in ${seconds.toFixed(2)} s; tagged ${Math.round(result.tokensPerSecond)} tokens/s on a first pass, ${Math.round(warm)} tokens/s on a second (one core)`,
      );
    });

  program
    .command('ner')
    .description('tag text from stdin: JSON entities with type, text and offsets, or with --conll a CoNLL tag column')
    .option('--conll', 'read CoNLL (token first) and write each line back with the predicted IOB2 tag')
    .option('--model <file>', 'model file (default: NER_MODEL)')
    .action(async (options: { conll?: boolean; model?: string }) => {
      const modelFile = options.model ?? config().nerModel;
      const input = await readStream(process.stdin);
      if (options.conll) {
        process.stdout.write(`${conllWithTags(input, loadTagger(modelFile).tagger)}`);
        return;
      }
      const extractor = defaultExtractorFor(modelFile);
      console.log(JSON.stringify(extractor.extract(input), null, 2));
    });
}
