import { performance } from 'node:perf_hooks';
import type { Article } from '../article/article.ts';
import { type ArticleToDerive, findArticle } from '../db/articles.ts';
import { isDataError } from '../db/errors.ts';
import { recordSettled } from '../db/intake.ts';
import { settleProcessed } from '../inbox/lifecycle.ts';
import { readVersion } from '../inbox/read-version.ts';
import type { Payloads, Source } from '../jobs/payloads.ts';
import { type Stage, STAGES } from '../jobs/queues.ts';
import type { ArticleInput } from './article-thread.ts';
import { Postponed } from './database-wait.ts';
import { type JobInfo, type Prepared, StageError, type Task, type TaskContext, type TaskResults } from './context.ts';
import { refreshWrite, storeWrite } from './upsert.ts';

/**
 * An error in `stage` that is not the article's: the job is tried again. The database refusing the
 * article's own data (the batch writer has split the batch down to it) fails it for good.
 */
async function retryable<T>(stage: Stage, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof StageError || error instanceof Postponed) throw error;
    throw new StageError(stage, error instanceof Error ? error.message : String(error), isDataError(error));
  }
}

/** Runs `step` as `stage`, counted as active meanwhile and as passed when it succeeds (failures are counted by the runner). */
async function inStage<T>(stage: Stage, context: TaskContext, step: () => Promise<T>): Promise<T> {
  context.stages.active(stage, 1);
  const started = performance.now();
  try {
    const result = await retryable(stage, step);
    context.stages.passed(stage, (performance.now() - started) / 1000);
    return result;
  } finally {
    context.stages.active(stage, -1);
  }
}

/**
 * Validate, dates and entities (or, for a stored article, dates and entities), in one go on a
 * thread, counted as active in the first of them; the stage that refuses the article fails it for
 * good. Stages passed are counted on the first try only: a retry repeats them.
 */
async function prepared(input: ArticleInput, context: TaskContext, job: JobInfo): Promise<Extract<Prepared, { ok: true }>> {
  const first = 'bytes' in input ? 'validate' : 'dates';
  context.stages.active(first, 1);
  const result = await retryable(first, () => context.prepare(input)).finally(() => context.stages.active(first, -1));
  const reached = result.ok ? STAGES.indexOf('upsert') : STAGES.indexOf(result.stage);
  if (job.attempt === 0) for (const stage of STAGES.slice(STAGES.indexOf(first), reached)) context.stages.passed(stage, result.seconds[stage]);
  if (!result.ok) throw new StageError(result.stage, result.message, true);
  for (const warning of result.published.warnings) context.log.warn('publication date', { warning });
  return result;
}

async function storeFile(source: Source, context: TaskContext, job: JobInfo): Promise<TaskResults['article']> {
  const { config } = context;
  const read = await retryable('validate', () => readVersion(source.path, source.root, source, config.maxArticleBytes));
  if (read.found === 'other') {
    await retryable('validate', () => context.database.run(() => recordSettled(context.db, job.id, read.became === 'changed' ? 'superseded' : 'gone', null, read.why)));
    return { outcome: 'stale', articleId: null, note: read.why };
  }
  if (read.found === 'too large') {
    throw new StageError('validate', `the file has ${read.size} bytes; an article may have at most ${config.maxArticleBytes} (MAX_ARTICLE_BYTES)`, true);
  }
  const ready = await prepared({ bytes: read.bytes, timezone: config.timezone }, context, job);
  const result = await inStage('upsert', context, () => context.database.run(() => context.writer.write(storeWrite(source, read.contentHash, job, ready))));
  context.stages.stored(result.outcome, ready.mentions.length);
  if (!source.fromInbox) return result;
  try {
    // The version read shows the file unchanged without reading it again; the content, a copy in failed/.
    const settled = await settleProcessed(config.inbox, { path: source.path, contentHash: read.contentHash, version: source });
    return settled === 'left' ? { ...result, note: 'the inbox holds a newer version' } : result;
  } catch (error) {
    // Stored is stored: the job completes, and the rescan, finding the file of a completed job, moves it again.
    const reason = error instanceof Error ? error.message : String(error);
    context.log.error('stored, but the file could not be moved to processed/; the rescan tries again', { file: source.key, error: reason });
    return { ...result, note: `stored; moving the file to processed/ failed (${reason})` };
  }
}

/** A stored article as the stages take it; its file is not needed again. */
function articleOf(row: ArticleToDerive): Article {
  return {
    format: row.format,
    encoding: row.source_encoding,
    dateText: row.published_text,
    dateWhere: 'stored article',
    title: row.title,
    text: row.body,
    blocks: row.blocks,
    source: row.publisher,
    url: row.url,
  };
}

async function reprocess({ articleId }: { articleId: number }, context: TaskContext, job: JobInfo): Promise<TaskResults['article']> {
  const row = await retryable('dates', () => context.database.run(() => findArticle(context.db, articleId)));
  if (!row) return { outcome: 'stale', articleId: null, note: 'the article is no longer stored' };
  const ready = await prepared({ stored: articleOf(row), timezone: context.config.timezone }, context, job);
  const result = await inStage('upsert', context, () => context.database.run(() => context.writer.write(refreshWrite(row.id, row.content_hash, ready))));
  context.stages.stored(result.outcome, ready.mentions.length);
  return result;
}

/** One article through all four stages: from its file (or, for `reprocess`, from the database) into Postgres. */
export const processArticle: Task<'article'> = async (payload: Payloads['article'], context, job) =>
  'reprocess' in payload ? reprocess(payload.reprocess, context, job) : storeFile(payload.source, context, job);
