import { type Kysely, sql, type Transaction } from 'kysely';
import type { Article } from '../article/article.ts';
import type { PublishedDate } from '../dates/published.ts';
import type { TimeExpression } from '../dates/timex/find.ts';
import type { Mention } from '../entities/entity.ts';
import type { ArticleRow, Database } from './database.ts';
import { ENTITY_LOCK, removeDerived, writeMentions } from './entities.ts';
import { recordStored } from './intake.ts';
import { insertTimeExpressions } from './time-expressions.ts';
import { insertRows, type TypedColumn, unnestRows } from './unnest.ts';

/** What the stages derived from an article's text, written with it. */
interface Derived {
  published: PublishedDate;
  timeExpressions: TimeExpression[];
  mentions: Mention[];
  extractor: string;
}

/** A new article, or a new version of one (same source key, other content). */
export interface StoredArticle extends Derived {
  sourceKey: string;
  contentHash: string;
  sourceModifiedAt: Date;
  /** When the file was put on the queue: the pipeline's latency is `ingested_at - queued_at`. */
  queuedAt?: Date;
  /** The job that took the file: its intake record is settled in the same transaction. */
  jobId?: string;
  article: Article;
}

/** A stored article derived again (`reprocess`): only what the stages derive from its text changes. */
export interface RefreshedArticle extends Derived {
  articleId: number;
  /** The content that was derived from: an article edited since keeps its own newer derivation. */
  contentHash: string;
  dateText: string;
}

export type ArticleWrite = ({ kind: 'store' } & StoredArticle) | ({ kind: 'refresh' } & RefreshedArticle);

/**
 * - `inserted`/`updated`: the article and its mentions were written;
 * - `unchanged`: this content is already stored (same file again, or a copy under another name);
 * - `stale`: a newer version of the same file is already stored (or, for a refresh, the article changed);
 * - `reprocessed`: what a stored article's text yields (dates, time expressions, mentions) was derived again.
 */
export type StoreOutcome = 'inserted' | 'updated' | 'unchanged' | 'stale' | 'reprocessed';

export interface StoreResult {
  outcome: StoreOutcome;
  articleId: number | null;
}

type Trx = Transaction<Database>;

/**
 * Writes a batch of articles with their time expressions, entities and mentions in one
 * transaction, with set-based statements: one round trip per step, whatever the batch size. The
 * results are in the order of `writes`.
 */
export async function storeArticles(db: Kysely<Database>, writes: readonly ArticleWrite[]): Promise<StoreResult[]> {
  return db.transaction().execute((trx) => writeBatch(trx, writes));
}

/** One article: the batch of one. */
export async function storeArticle(db: Kysely<Database>, input: StoredArticle): Promise<StoreResult> {
  return (await storeArticles(db, [{ kind: 'store', ...input }]))[0]!;
}

async function writeBatch(trx: Trx, writes: readonly ArticleWrite[]): Promise<StoreResult[]> {
  // Batches take turns: linking sees every name stored before, and the same content arriving in
  // two batches at once is found stored by the second. One lock per batch, not per article.
  await sql`select pg_advisory_xact_lock(${ENTITY_LOCK})`.execute(trx);
  const results: StoreResult[] = writes.map(() => ({ outcome: 'stale', articleId: null }));
  const stores = writes.flatMap((write, index) => (write.kind === 'store' ? [{ write, index }] : []));
  const refreshes = writes.flatMap((write, index) => (write.kind === 'refresh' ? [{ write, index }] : []));

  const written: { index: number; articleId: number; replaces: boolean }[] = [];
  for (const { index, articleId, outcome } of await upsertArticles(trx, stores)) {
    results[index] = { outcome, articleId };
    if (outcome === 'inserted' || outcome === 'updated') written.push({ index, articleId: articleId!, replaces: outcome === 'updated' });
  }
  await recordStored(
    trx,
    stores.flatMap(({ write, index }) =>
      write.jobId === undefined ? [] : [{ jobId: write.jobId, outcome: results[index]!.outcome === 'stale' ? 'superseded' : 'stored', contentHash: write.contentHash }],
    ),
  );
  const refreshed = await refreshArticles(trx, refreshes);
  for (const { index, articleId } of refreshed.written) {
    results[index] = { outcome: 'reprocessed', articleId };
    written.push({ index, articleId, replaces: true });
  }
  for (const { index, articleId } of refreshed.twice) results[index] = { outcome: 'reprocessed', articleId };

  const replacedEntities = await removeDerived(trx, written.filter((entry) => entry.replaces).map((entry) => entry.articleId));
  const timeExpressions = insertTimeExpressions(written.map(({ index, articleId }) => ({ articleId, expressions: writes[index]!.timeExpressions })));
  await writeMentions(trx, written.map(({ index, articleId }) => ({ articleId, mentions: writes[index]!.mentions })), replacedEntities, timeExpressions);
  return results;
}

/** The publication date's columns: the date as written, its value and precision, range and zone. */
function publishedColumns(dateText: string, published: PublishedDate) {
  return {
    published_text: dateText,
    published_value: published.value,
    published_precision: published.precision,
    published_on: published.date,
    published_start: new Date(published.start),
    published_end: new Date(published.end),
    published_timezone: published.timezone,
    published_implied: published.implied,
    published_warnings: JSON.stringify(published.warnings),
  };
}

function articleColumns(input: StoredArticle) {
  const { article } = input;
  return {
    source_key: input.sourceKey,
    content_hash: input.contentHash,
    source_modified_at: input.sourceModifiedAt,
    queued_at: input.queuedAt ?? null,
    format: article.format,
    source_encoding: article.encoding,
    title: article.title,
    body: article.text,
    blocks: JSON.stringify(article.blocks),
    publisher: article.source,
    url: article.url,
    ...publishedColumns(article.dateText, input.published),
    extractor: input.extractor,
  };
}
type ArticleColumns = ReturnType<typeof articleColumns>;

/** Column names and the Postgres type of each, for `unnest(...) as t(...)`. */
const ARTICLE_COLUMNS: TypedColumn<ArticleColumns>[] = [
  ['source_key', 'text'],
  ['content_hash', 'text'],
  ['source_modified_at', 'timestamptz'],
  ['queued_at', 'timestamptz'],
  ['format', 'text'],
  ['source_encoding', 'text'],
  ['title', 'text'],
  ['body', 'text'],
  ['blocks', 'jsonb'],
  ['publisher', 'text'],
  ['url', 'text'],
  ['published_text', 'text'],
  ['published_value', 'text'],
  ['published_precision', 'text'],
  ['published_on', 'date'],
  ['published_start', 'timestamptz'],
  ['published_end', 'timestamptz'],
  ['published_timezone', 'text'],
  ['published_implied', 'boolean'],
  ['published_warnings', 'jsonb'],
  ['extractor', 'text'],
];

/**
 * Inserts new articles and replaces older versions of the same file; content already stored
 * (under any name) is left as it is, and so is a version older than the one stored. The SQL is in
 * `storedHashes` and `upsertRows`.
 */
async function upsertArticles(trx: Trx, stores: readonly Entry<StoredArticle>[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  // Rounds: a copy of a content counts as unchanged only if that content is still stored once the
  // round is written (the version it matched may have just been replaced, or turned out stale).
  for (let pending = stores; pending.length > 0; ) {
    const { toWrite, copies, stale } = partition(pending, await storedHashes(trx, pending));
    outcomes.push(...stale.map(({ index }) => ({ index, articleId: null, outcome: 'stale' as const })));
    outcomes.push(...(await upsertRows(trx, toWrite)));
    const stored = copies.length > 0 ? await storedHashes(trx, copies) : new Map<string, number>();
    const [found, missing] = [copies.filter(({ write }) => stored.has(write.contentHash)), copies.filter(({ write }) => !stored.has(write.contentHash))];
    outcomes.push(...found.map(({ index, write }) => ({ index, articleId: stored.get(write.contentHash)!, outcome: 'unchanged' as const })));
    pending = missing;
  }
  return outcomes;
}

type Entry<W> = { write: W; index: number };
type Outcome = { index: number; articleId: number | null; outcome: StoreOutcome };

/**
 * ```sql
 * select id, content_hash from article where content_hash = any($1)
 * ```
 */
async function storedHashes(trx: Trx, entries: readonly Entry<StoredArticle>[]): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('article')
    .select(['id', 'content_hash'])
    .where('content_hash', '=', sql<string>`any(${entries.map(({ write }) => write.contentHash)}::text[])`)
    .execute();
  return new Map(rows.map((row) => [row.content_hash, row.id]));
}

/** Of one file's versions, the newest is written (the others are stale); of one content, the first (the others are copies). */
function partition(entries: readonly Entry<StoredArticle>[], stored: ReadonlyMap<string, number>) {
  const newest = new Map<string, Entry<StoredArticle>>();
  const copies: Entry<StoredArticle>[] = [];
  const stale: Entry<StoredArticle>[] = [];
  const taken = new Set<string>();
  for (const entry of entries) {
    const { contentHash, sourceKey, sourceModifiedAt } = entry.write;
    if (stored.has(contentHash) || taken.has(contentHash)) {
      copies.push(entry);
      continue;
    }
    const other = newest.get(sourceKey);
    if (other && other.write.sourceModifiedAt > sourceModifiedAt) {
      stale.push(entry);
      continue;
    }
    if (other) {
      stale.push(other);
      taken.delete(other.write.contentHash);
    }
    newest.set(sourceKey, entry);
    taken.add(contentHash);
  }
  return { toWrite: [...newest.values()], copies, stale };
}

/**
 * ```sql
 * insert into article (source_key, content_hash, …) select * from unnest($1::text[], $2::text[], …) as row(…)
 * on conflict (source_key) do update set … where article.source_modified_at <= excluded.source_modified_at
 * returning id, source_key, (xmax = 0) as inserted
 * ```
 */
async function upsertRows(trx: Trx, rows: readonly Entry<StoredArticle>[]): Promise<Outcome[]> {
  if (rows.length === 0) return [];
  const updates = ARTICLE_COLUMNS.map(([name]) => sql`${sql.ref(name)} = excluded.${sql.ref(name)}`);
  const { rows: upserted } = await sql<{ id: number; source_key: string; inserted: boolean }>`
    ${insertRows('article', rows.map(({ write }) => articleColumns(write)), ARTICLE_COLUMNS)}
    on conflict (source_key) do update set ${sql.join(updates)}, updated_at = now()
    where article.source_modified_at <= excluded.source_modified_at
    returning id, source_key, (xmax = 0) as inserted
  `.execute(trx);
  const byKey = new Map(upserted.map((row) => [row.source_key, row]));
  return rows.map(({ write, index }) => {
    const row = byKey.get(write.sourceKey);
    return { index, articleId: row?.id ?? null, outcome: row ? (row.inserted ? 'inserted' : 'updated') : 'stale' };
  });
}

/**
 * Replaces what the stages derived from stored articles' text (publication date, extractor); the
 * time expressions and mentions follow. An article whose content changed since it was read is left.
 *
 * ```sql
 * update article set extractor = row.extractor, published_value = row.published_value, …
 * from unnest($1::bigint[], $2::text[], …) as row(id, content_hash, …)
 * where article.id = row.id and article.content_hash = row.content_hash returning article.id
 * ```
 */
async function refreshArticles(trx: Trx, all: readonly Entry<RefreshedArticle>[]) {
  if (all.length === 0) return { written: [], twice: [] };
  // The same article sent twice (`reprocess` run twice): it is derived again once.
  const refreshes = [...new Map(all.map((entry) => [entry.write.articleId, entry])).values()];
  const rows = refreshes.map(({ write }) => ({ id: write.articleId, content_hash: write.contentHash, extractor: write.extractor, ...publishedColumns(write.dateText, write.published) }));
  const set = ARTICLE_COLUMNS.filter(([name]) => name === 'extractor' || name.startsWith('published_')) as TypedColumn<(typeof rows)[number]>[];
  const columns: TypedColumn<(typeof rows)[number]>[] = [['id', 'bigint'], ['content_hash', 'text'], ...set];
  const { rows: updated } = await sql<{ id: number }>`
    update article set ${sql.join(set.map(([name]) => sql`${sql.ref(name)} = row.${sql.ref(name)}`))}, updated_at = now()
    from ${unnestRows(rows, columns)}
    where article.id = row.id and article.content_hash = row.content_hash
    returning article.id
  `.execute(trx);
  const done = new Set(updated.map((row) => Number(row.id)));
  return {
    written: refreshes.filter(({ write }) => done.has(write.articleId)).map(({ write, index }) => ({ index, articleId: write.articleId })),
    twice: all.filter((entry) => !refreshes.includes(entry) && done.has(entry.write.articleId)).map(({ write, index }) => ({ index, articleId: write.articleId })),
  };
}

/** What deriving a stored article's dates and entities again reads of it. */
const TO_DERIVE = ['id', 'content_hash', 'format', 'source_encoding', 'published_text', 'title', 'body', 'blocks', 'publisher', 'url'] as const;
export type ArticleToDerive = Pick<ArticleRow, (typeof TO_DERIVE)[number]>;

/**
 * A stored article, for deriving its dates and entities again: only what that reads (not, say,
 * its search vector, as long as its body).
 *
 * ```sql
 * select id, content_hash, format, source_encoding, published_text, title, body, blocks, publisher, url from article where id = $1
 * ```
 */
export async function findArticle(db: Kysely<Database>, id: number): Promise<ArticleToDerive | undefined> {
  return db.selectFrom('article').select(TO_DERIVE).where('id', '=', id).executeTakeFirst();
}

/**
 * Stored articles whose entities came from another extractor than `current`, or that lack what
 * newer stages derive (every article when `current` is undefined), in pages by id so that any
 * number of articles fits in memory.
 *
 * ```sql
 * select id, source_key from article where id > $1 and (extractor <> $2 or published_start is null) order by id limit $3
 * ```
 */
export async function* articlesToReprocess(
  db: Kysely<Database>,
  current: string | undefined,
  pageSize = 500,
): AsyncGenerator<Pick<ArticleRow, 'id' | 'source_key'>[]> {
  let after = 0;
  for (;;) {
    let query = db.selectFrom('article').select(['id', 'source_key']).where('id', '>', after).orderBy('id').limit(pageSize);
    // Articles stored before the publication range existed are out of date whatever tagged them.
    if (current !== undefined) query = query.where((eb) => eb.or([eb('extractor', '<>', current), eb('published_start', 'is', null)]));
    const page = await query.execute();
    if (page.length === 0) return;
    yield page;
    after = Number(page.at(-1)!.id);
  }
}

/**
 * The title and body of every stored article, in pages by id so that an archive of any size is
 * read in bounded memory (for learning word classes from a newsroom's own text).
 *
 * ```sql
 * select id, title, body from article where id > $1 order by id limit $2
 * ```
 */
export async function* articleTexts(db: Kysely<Database>, pageSize = 200): AsyncGenerator<Pick<ArticleRow, 'id' | 'title' | 'body'>[]> {
  let after = 0;
  for (;;) {
    const page = await db.selectFrom('article').select(['id', 'title', 'body']).where('id', '>', after).orderBy('id').limit(pageSize).execute();
    if (page.length === 0) return;
    yield page;
    after = Number(page.at(-1)!.id);
  }
}

export interface DatabaseCounts {
  articles: number;
  entities: number;
  mentions: number;
  /** Articles per extractor version: after a new model, `reprocess` updates the older ones. */
  byExtractor: Record<string, number>;
}

/**
 * ```sql
 * select (select count(*) from article) as articles, ...;
 * select extractor, count(*) from article group by extractor
 * ```
 */
export async function countRows(db: Kysely<Database>): Promise<DatabaseCounts> {
  const [row, extractors] = await Promise.all([
    db
      .selectNoFrom((eb) => [
        eb.selectFrom('article').select(eb.fn.countAll<number>().as('n')).as('articles'),
        eb.selectFrom('entity').select(eb.fn.countAll<number>().as('n')).as('entities'),
        eb.selectFrom('mention').select(eb.fn.countAll<number>().as('n')).as('mentions'),
      ])
      .executeTakeFirstOrThrow(),
    db.selectFrom('article').select(['extractor', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('extractor').orderBy('extractor').execute(),
  ]);
  return {
    articles: Number(row.articles),
    entities: Number(row.entities),
    mentions: Number(row.mentions),
    byExtractor: Object.fromEntries(extractors.map((entry) => [entry.extractor, Number(entry.n)])),
  };
}
