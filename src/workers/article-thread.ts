import { performance } from 'node:perf_hooks';
import { workerData } from 'node:worker_threads';
import { type Article, ArticleError } from '../article/article.ts';
import { publishedDateOf } from '../article/published.ts';
import { defaultExtractorFor } from '../entities/index.ts';
import { knownNamesOf } from '../entities/known-names.ts';
import type { Stage } from '../jobs/queues.ts';
import type { KnownNames } from '../ner/known-names.ts';
import type { Prepared } from './context.ts';
import { normalizeDates } from './dates.ts';
import { extractEntities } from './entities.ts';
import type { KnownNamesTask, KnownNamesWanted } from './known-names.ts';
import { validate } from './validate.ts';

/** The model file this thread tags with, handed over by the runner that started the thread. */
const { modelFile } = workerData as { modelFile: string };

/** An article as the stages take it: its file's bytes, or as stored (for `reprocess`). */
export type ArticleInput = { timezone: string } & ({ bytes: Uint8Array } | { stored: Article });
export type PrepareInput = ArticleInput & { knownNames: KnownNamesTask };

/** The names the archive holds, as this thread was last told them (see KnownNamesFeed). */
let known: { generation: number; names: KnownNames | undefined } = { generation: 0, names: undefined };

/**
 * Entry point of the worker threads: the CPU-heavy stages (validate, dates, entities) run here, away
 * from the event loop that renews BullMQ's job locks. Pure stages fail the same way on every try, so
 * any error is the article's and final: it is returned with the stage that met it.
 */
export default function prepare(input: PrepareInput): Prepared | KnownNamesWanted {
  const { generation, names } = input.knownNames;
  if (generation > known.generation) {
    if (!names) return { knownNamesWanted: generation };
    known = { generation, names: knownNamesOf(names) };
  }
  let stage: Stage = 'bytes' in input ? 'validate' : 'dates';
  // Each stage's time, taken here because the stages run back to back on this thread.
  const seconds: Partial<Record<Stage, number>> = {};
  let started = performance.now();
  const passed = (next: Stage) => {
    const now = performance.now();
    seconds[stage] = (now - started) / 1000;
    started = now;
    stage = next;
  };
  try {
    const { article, published } =
      'bytes' in input ? validate(input.bytes, input.timezone) : { article: input.stored, published: publishedDateOf(input.stored, input.timezone) };
    passed('dates');
    const timeExpressions = normalizeDates(article.text, published);
    passed('entities');
    const extraction = extractEntities(article.text, defaultExtractorFor(modelFile), known.names);
    passed('upsert');
    return { ok: true, article, published, timeExpressions, ...extraction, seconds };
  } catch (error) {
    const message = error instanceof ArticleError ? error.message : `the ${stage} stage cannot process this article (${String(error)})`;
    return { ok: false, stage, message, seconds };
  }
}
