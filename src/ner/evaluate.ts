import { type ConllDocument, spansOf } from './conll.ts';
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
 * Entity-level precision, recall and F1, as the CoNLL shared tasks count them: an entity is
 * right only if its type and both boundaries are.
 */
export function evaluate(sentences: { gold: readonly string[]; predicted: readonly string[] }[]): Evaluation {
  const tally = new Tally();
  for (const { gold, predicted } of sentences) {
    const goldSpans = spansOf(gold);
    const predictedSpans = spansOf(predicted);
    const goldKeys = new Set(goldSpans.map((s) => `${s.start}:${s.end}:${s.type}`));
    for (const span of goldSpans) tally.of(span.type).gold += 1;
    for (const span of predictedSpans) {
      const entry = tally.of(span.type);
      entry.predicted += 1;
      if (goldKeys.has(`${span.start}:${span.end}:${span.type}`)) entry.correct += 1;
    }
  }
  return tally.scores();
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

/** The IOB2 tags a tagger gives every sentence of CoNLL documents, and how fast it gave them. */
export function tagConll(tagger: Tagger, documents: readonly ConllDocument[]): { tags: string[][][]; tokensPerSecond: number } {
  const started = performance.now();
  let tokens = 0;
  const tags = documents.map((document) => {
    const words = document.sentences.map((sentence) => sentence.map((token) => token.word));
    tokens += words.reduce((sum, sentence) => sum + sentence.length, 0);
    return tagger.tagDocument(words).map(toIob2);
  });
  return { tags, tokensPerSecond: tokens / ((performance.now() - started) / 1000) };
}

/** Tags CoNLL documents and scores the tags against the gold ones. */
export function evaluateTagger(tagger: Tagger, documents: readonly ConllDocument[]): Evaluation & { tokensPerSecond: number } {
  const { tags, tokensPerSecond } = tagConll(tagger, documents);
  const sentences = documents.flatMap((document, d) =>
    document.sentences.map((sentence, s) => ({ gold: sentence.map((token) => token.tag), predicted: tags[d]![s]! })),
  );
  return { ...evaluate(sentences), tokensPerSecond };
}
