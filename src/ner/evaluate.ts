import { type ConllDocument, spansOf, type TagSpan } from './conll.ts';
import { type KnownNamesOptions, NameArchive } from './known-names.ts';
import { toIob2 } from './labels.ts';
import type { Tagger } from './tagger.ts';

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

export interface Evaluation {
  overall: Score;
  byType: Record<string, Score>;
}

function score(gold: number, predicted: number, correct: number): Score {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = gold === 0 ? 0 : correct / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, gold, predicted, correct };
}

/** Gold, predicted and correct entities counted per type. */
export class Tally {
  private readonly counts = new Map<string, { gold: number; predicted: number; correct: number }>();

  of(type: string): { gold: number; predicted: number; correct: number } {
    let entry = this.counts.get(type);
    if (!entry) this.counts.set(type, (entry = { gold: 0, predicted: 0, correct: 0 }));
    return entry;
  }

  /** Scores per type, sorted by type, and overall (micro-averaged). */
  scores(): Evaluation {
    const byType = Object.fromEntries(
      [...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, c]) => [type, score(c.gold, c.predicted, c.correct)]),
    );
    const total = [...this.counts.values()].reduce(
      (sum, c) => ({ gold: sum.gold + c.gold, predicted: sum.predicted + c.predicted, correct: sum.correct + c.correct }),
      { gold: 0, predicted: 0, correct: 0 },
    );
    return { overall: score(total.gold, total.predicted, total.correct), byType };
  }
}

/**
 * One kind of entity-level error and how often it was made. `gold` and `predicted` are entity
 * types or `O`: `PER → O` is a missed person, `O → ORG` an organisation that is not one, `PER → ORG`
 * a person read as an organisation; `boundary` marks a predicted entity that overlaps the gold one
 * but starts or ends elsewhere (`PER → PER`, boundary: "Blinken" read as "Minister Blinken").
 */
export interface Confusion {
  gold: string;
  predicted: string;
  boundary: boolean;
  count: number;
  /** The first few instances in file order: the gold words, and the predicted ones where they differ. */
  examples: string[];
}

export interface TaggedSentence {
  words: readonly string[];
  gold: readonly string[];
  predicted: readonly string[];
}

const EXAMPLES_PER_CONFUSION = 2;

const keyOf = (span: TagSpan) => `${span.start}:${span.end}:${span.type}`;
const overlap = (a: TagSpan, b: TagSpan) => Math.min(a.end, b.end) - Math.max(a.start, b.start);

/**
 * The errors of a sentence, one per gold entity not predicted exactly and one per predicted entity
 * that overlaps no gold one. A gold entity is held against the predicted entity that overlaps it
 * most (the first on a tie), so that each wrong gold entity is counted once and a predicted entity
 * spanning two gold ones explains both.
 */
function* errorsOf(words: readonly string[], goldSpans: readonly TagSpan[], predictedSpans: readonly TagSpan[]) {
  const text = (span: TagSpan) => `"${words.slice(span.start, span.end).join(' ')}"`;
  const predictedKeys = new Set(predictedSpans.map(keyOf));
  for (const gold of goldSpans) {
    if (predictedKeys.has(keyOf(gold))) continue;
    let match: TagSpan | undefined;
    for (const span of predictedSpans) if (overlap(gold, span) > (match ? overlap(gold, match) : 0)) match = span;
    if (!match) yield { gold: gold.type, predicted: 'O', boundary: false, example: text(gold) };
    else {
      const boundary = match.start !== gold.start || match.end !== gold.end;
      yield { gold: gold.type, predicted: match.type, boundary, example: boundary ? `${text(gold)} as ${text(match)}` : text(gold) };
    }
  }
  for (const span of predictedSpans) {
    if (goldSpans.some((gold) => overlap(gold, span) > 0)) continue;
    yield { gold: 'O', predicted: span.type, boundary: false, example: text(span) };
  }
}

/**
 * Entity-level precision, recall and F1, as the CoNLL shared tasks count them (an entity is right
 * only if its type and both boundaries are), and the errors grouped by kind, most frequent first.
 */
export function evaluate(sentences: readonly TaggedSentence[]): Evaluation & { confusions: Confusion[] } {
  const tally = new Tally();
  const confusions = new Map<string, Confusion>();
  for (const { words, gold, predicted } of sentences) {
    const goldSpans = spansOf(gold);
    const predictedSpans = spansOf(predicted);
    const goldKeys = new Set(goldSpans.map(keyOf));
    for (const span of goldSpans) tally.of(span.type).gold += 1;
    for (const span of predictedSpans) {
      const entry = tally.of(span.type);
      entry.predicted += 1;
      if (goldKeys.has(keyOf(span))) entry.correct += 1;
    }
    for (const { example, ...kind } of errorsOf(words, goldSpans, predictedSpans)) {
      const key = `${kind.gold}>${kind.predicted}>${kind.boundary}`;
      let confusion = confusions.get(key);
      if (!confusion) confusions.set(key, (confusion = { ...kind, count: 0, examples: [] }));
      confusion.count += 1;
      if (confusion.examples.length < EXAMPLES_PER_CONFUSION) confusion.examples.push(example);
    }
  }
  const ranked = [...confusions.values()].sort((a, b) => b.count - a.count || confusionLabel(a).localeCompare(confusionLabel(b)));
  return { ...tally.scores(), confusions: ranked };
}

/** `PER → ORG`, `PER → O`, `O → ORG`, `PER → PER (boundary)`. */
export function confusionLabel(confusion: Pick<Confusion, 'gold' | 'predicted' | 'boundary'>): string {
  return `${confusion.gold} → ${confusion.predicted}${confusion.boundary ? ' (boundary)' : ''}`;
}

/** The most frequent confusions, one a line: count, gold → predicted, examples. */
export function formatConfusions(confusions: readonly Confusion[], top = 10): string {
  if (confusions.length === 0) return 'no errors';
  const shown = confusions.slice(0, top);
  const width = Math.max(...shown.map((c) => confusionLabel(c).length));
  return [
    `most frequent errors (gold → predicted; ${confusions.reduce((n, c) => n + c.count, 0)} in all):`,
    ...shown.map((c) => `${String(c.count).padStart(6)}  ${confusionLabel(c).padEnd(width)}  ${c.examples.join(', ')}`),
  ].join('\n');
}

export function formatEvaluation(evaluation: Evaluation): string {
  const row = (name: string, s: Score) =>
    `${name.padEnd(8)}${(s.precision * 100).toFixed(2).padStart(10)}${(s.recall * 100).toFixed(2).padStart(10)}${(s.f1 * 100).toFixed(2).padStart(10)}${String(s.gold).padStart(8)}`;
  return [
    `${'type'.padEnd(8)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'F1'.padStart(10)}${'gold'.padStart(8)}`,
    ...Object.entries(evaluation.byType).map(([type, s]) => row(type, s)),
    row('overall', evaluation.overall),
  ].join('\n');
}

/** Names tagged so far, given as known names (under `options`) to the documents tagged next. */
export interface EvaluationArchive {
  options: KnownNamesOptions;
  names: NameArchive;
}

/**
 * The IOB2 tags a tagger gives every sentence of CoNLL documents, and how fast it gave them. With
 * an `archive`, the documents are tagged in order, each given the archive's names as known names
 * and then adding its own: the archive as the pipeline builds it from its own output.
 */
export function tagConll(tagger: Tagger, documents: readonly ConllDocument[], archive?: EvaluationArchive): { tags: string[][][]; tokensPerSecond: number } {
  const started = performance.now();
  let tokens = 0;
  const tags = documents.map((document) => {
    const words = document.sentences.map((sentence) => sentence.map((token) => token.word));
    tokens += words.reduce((sum, sentence) => sum + sentence.length, 0);
    const tagged = tagger.tagDocument(words, archive?.names.known(archive.options)).map(toIob2);
    archive?.names.add(words, tagged);
    return tagged;
  });
  return { tags, tokensPerSecond: tokens / ((performance.now() - started) / 1000) };
}

/** Tags CoNLL documents (see `tagConll`) and scores the tags against the gold ones. */
export function evaluateTagger(tagger: Tagger, documents: readonly ConllDocument[], archive?: EvaluationArchive): ReturnType<typeof evaluate> & { tokensPerSecond: number } {
  const { tags, tokensPerSecond } = tagConll(tagger, documents, archive);
  const sentences = documents.flatMap((document, d) =>
    document.sentences.map((sentence, s) => ({
      words: sentence.map((token) => token.word),
      gold: sentence.map((token) => token.tag),
      predicted: tags[d]![s]!,
    })),
  );
  return { ...evaluate(sentences), tokensPerSecond };
}
