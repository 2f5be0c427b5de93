import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Precision } from '../dates/published.ts';
import { type EntityType, normalizeName } from '../entities/entity.ts';
import type { Database } from './database.ts';

type Db = Kysely<Database>;

/** A search as people type one: words, "a phrase", or, -word; each word is stemmed (`oplossingen` → `oplossing`). */
const searchQuery = (text: string) => sql<string>`websearch_to_tsquery('dutch', ${text})`;

/** Up to two passages of the body around the words found, with the words marked «so». */
const SNIPPET_OPTIONS = 'MaxFragments=2, MinWords=8, MaxWords=20, StartSel=«, StopSel=», FragmentDelimiter=" … "';

/**
 * The longest publication range an article has: a year-precise date covers one year (366 days in a
 * leap year), with a day to spare for offsets. An article whose range ends after `from` therefore
 * starts after `from` minus this, which bounds the range filter on `article_published_range` from
 * below: without the bound, an asked range with few articles would be looked for back to the oldest.
 */
const WIDEST_RANGE_MS = 367 * 24 * 60 * 60 * 1000;

/** The ids of the entities once written as `name` (case, accents and spacing aside). */
const entitiesCalled = (db: Db, name: string) => db.selectFrom('entity_alias').select('entity_id').where('normalized_alias', '=', normalizeName(name));

export interface ArticleFilter {
  /** Articles whose publication range overlaps [from, to]: a month-precise March 2023 is in any part of March. */
  from?: Date;
  to?: Date;
  /** Articles that mention an entity by any name it was written as. */
  entity?: string;
  /** Full-text search: articles ranked by how well they match, each with a snippet. */
  text?: string;
  limit: number;
}

export interface FoundArticle {
  id: number;
  source_key: string;
  title: string | null;
  publisher: string | null;
  published_value: string;
  published_precision: Precision;
  published_start: Date | null;
  published_end: Date | null;
  /** With a full-text search: how well the article matches (ts_rank), and where. */
  rank: number | null;
  snippet: string | null;
}

/**
 * Articles by publication range, entity and words, newest first or, with words, best match first.
 * `ts_headline` reads a whole body, so it runs only on the articles returned: the planner computes
 * such costly output after the limit.
 *
 * ```sql
 * select id, source_key, title, publisher, published_value, published_precision, published_start, published_end,
 *   ts_rank(search, websearch_to_tsquery('dutch', $1)) as rank,
 *   ts_headline('dutch', body, websearch_to_tsquery('dutch', $2), $3) as snippet
 * from article
 * where published_end >= $4 and published_start >= $5 - 367 days and published_start <= $6
 *   and id in (select article_id from mention where entity_id in (select entity_id from entity_alias where normalized_alias = $7))
 *   and search @@ websearch_to_tsquery('dutch', $8)
 * order by rank desc, published_start desc, published_end desc, id desc   -- without $1: no rank
 * limit $9
 * ```
 */
export async function findArticles(db: Db, filter: ArticleFilter): Promise<FoundArticle[]> {
  const { from, to, entity, text } = filter;
  const query = text === undefined ? undefined : searchQuery(text);
  let select = db
    .selectFrom('article')
    .select([
      'id',
      'source_key',
      'title',
      'publisher',
      'published_value',
      'published_precision',
      'published_start',
      'published_end',
      (query ? sql<number | null>`ts_rank(article.search, ${query})` : sql<number | null>`null`).as('rank'),
      (query ? sql<string | null>`ts_headline('dutch', article.body, ${query}, ${SNIPPET_OPTIONS})` : sql<string | null>`null`).as('snippet'),
    ])
    .$if(from !== undefined, (qb) => qb.where('published_end', '>=', from!).where('published_start', '>=', new Date(from!.getTime() - WIDEST_RANGE_MS)))
    .$if(to !== undefined, (qb) => qb.where('published_start', '<=', to!))
    .$if(entity !== undefined, (qb) => qb.where('id', 'in', db.selectFrom('mention').select('article_id').where('entity_id', 'in', entitiesCalled(db, entity!))))
    .$if(query !== undefined, (qb) => qb.where(sql<boolean>`article.search @@ ${query}`));
  if (query) select = select.orderBy('rank', 'desc');
  return select.orderBy('published_start', 'desc').orderBy('published_end', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export interface TopEntity {
  id: number;
  type: EntityType;
  name: string;
  mentions: number;
  aliases: string[];
}

/** Every form an entity was written in, alphabetically. */
const aliasesOf = (db: Db) =>
  sql<string[]>`array(${db.selectFrom('entity_alias').select('alias').where('entity_alias.entity_id', '=', sql.ref<number>('entity.id')).orderBy('alias')})`;

/**
 * The most mentioned entities, of one type or of all. Counting reads every mention (of the type):
 * from the index on (entity_id, article_id) or the table, whichever the planner finds cheaper.
 *
 * ```sql
 * select entity.id, entity.type, entity.name, count(*) as mentions,
 *   array(select alias from entity_alias where entity_id = entity.id order by alias) as aliases
 * from mention join entity on entity.id = mention.entity_id
 * where entity.type = $1            -- with a type
 * group by entity.id order by mentions desc, entity.name, entity.id limit $2
 * ```
 */
export async function topEntities(db: Db, options: { limit: number; type?: EntityType }): Promise<TopEntity[]> {
  return db
    .selectFrom('mention')
    .innerJoin('entity', 'entity.id', 'mention.entity_id')
    .select(['entity.id', 'entity.type', 'entity.name', (eb) => eb.fn.countAll<number>().as('mentions'), aliasesOf(db).as('aliases')])
    .$if(options.type !== undefined, (qb) => qb.where('entity.type', '=', options.type!))
    .groupBy('entity.id')
    .orderBy('mentions', 'desc')
    .orderBy('entity.name')
    .orderBy('entity.id')
    .limit(options.limit)
    .execute();
}

export interface EntityAppearance {
  article_id: number;
  source_key: string;
  title: string | null;
  published_value: string;
  published_precision: Precision;
  /** The entity's mentions in the article, at character offsets into its body. */
  mentions: { text: string; start: number; end: number }[];
}

export interface CoEntity {
  id: number;
  type: EntityType;
  name: string;
  /** Articles that mention both. */
  articles: number;
}

export interface EntityDetails {
  id: number;
  type: EntityType;
  name: string;
  /** For a nationality: the country it refers to. */
  country_code: string | null;
  country_name: string | null;
  aliases: string[];
  mentions: number;
  articles: number;
  /** The newest articles that mention it. */
  appearances: EntityAppearance[];
  /** The entities that share the most articles with it. */
  cooccurring: CoEntity[];
}

/**
 * The entities once written as `name` (usually one; "Rusland" may be a place and an organisation),
 * most mentioned first.
 *
 * ```sql
 * select id, type, name, country_code, country_name, array(select alias from entity_alias …) as aliases,
 *   (select count(*) from mention where entity_id = entity.id) as mentions,
 *   (select count(distinct article_id) from mention where entity_id = entity.id) as articles
 * from entity where id in (select entity_id from entity_alias where normalized_alias = $1)
 * order by mentions desc, id
 * ```
 */
async function entitiesNamed(db: Db, name: string) {
  return db
    .selectFrom('entity')
    .select((eb) => {
      const ofEntity = () => eb.selectFrom('mention').whereRef('mention.entity_id', '=', 'entity.id');
      return [
        'id',
        'type',
        'name',
        'country_code',
        'country_name',
        aliasesOf(db).as('aliases'),
        ofEntity().select((sub) => sub.fn.countAll<number>().as('n')).$asScalar().as('mentions'),
        ofEntity().select((sub) => sub.fn.count<number>('article_id').distinct().as('n')).$asScalar().as('articles'),
      ];
    })
    .where('id', 'in', entitiesCalled(db, name))
    .orderBy('mentions', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * The newest `limit` articles that mention the entity, each with its mentions of it.
 *
 * ```sql
 * select id, source_key, title, published_value, published_precision,
 *   (select json_agg(…) from (select text, start, "end" from mention where article_id = article.id and entity_id = $1 order by start)) as mentions
 * from article where id in (select article_id from mention where entity_id = $2)
 * order by published_start desc, published_end desc, id desc limit $3
 * ```
 */
async function appearancesOf(db: Db, entityId: number, limit: number): Promise<EntityAppearance[]> {
  return db
    .selectFrom('article')
    .select((eb) => [
      'id as article_id',
      'source_key',
      'title',
      'published_value',
      'published_precision',
      jsonArrayFrom(
        eb.selectFrom('mention').select(['text', 'start', 'end']).whereRef('mention.article_id', '=', 'article.id').where('entity_id', '=', entityId).orderBy('start'),
      ).as('mentions'),
    ])
    .where('id', 'in', db.selectFrom('mention').select('article_id').where('entity_id', '=', entityId))
    .orderBy('published_start', 'desc')
    .orderBy('published_end', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The entities mentioned in the most of the articles that mention this one.
 *
 * ```sql
 * select entity.id, entity.type, entity.name, count(distinct other.article_id) as articles
 * from mention as other join entity on entity.id = other.entity_id
 * where other.article_id in (select article_id from mention where entity_id = $1) and other.entity_id <> $2
 * group by entity.id order by articles desc, entity.name, entity.id limit $3
 * ```
 */
async function cooccurringWith(db: Db, entityId: number, limit: number): Promise<CoEntity[]> {
  return db
    .selectFrom('mention as other')
    .innerJoin('entity', 'entity.id', 'other.entity_id')
    .select((eb) => ['entity.id', 'entity.type', 'entity.name', eb.fn.count<number>('other.article_id').distinct().as('articles')])
    .where('other.article_id', 'in', db.selectFrom('mention').select('article_id').where('entity_id', '=', entityId))
    .where('other.entity_id', '<>', entityId)
    .groupBy('entity.id')
    .orderBy('articles', 'desc')
    .orderBy('entity.name')
    .orderBy('entity.id')
    .limit(limit)
    .execute();
}

/** Everything about the entities once written as `name`: none when no entity ever was. */
export async function describeEntity(db: Db, name: string, options: { articles: number; cooccurring: number }): Promise<EntityDetails[]> {
  const entities = await entitiesNamed(db, name);
  return Promise.all(
    entities.map(async (entity) => ({
      ...entity,
      appearances: await appearancesOf(db, entity.id, options.articles),
      cooccurring: await cooccurringWith(db, entity.id, options.cooccurring),
    })),
  );
}

/** Articles stored in one hour. */
export interface HourCount {
  /** The hour's start. */
  hour: Date;
  articles: number;
}

/**
 * Articles stored per hour in the last `hours` hours (the current one included), oldest first; an
 * hour without any is there with 0. An article stored again (a new version) counts in the hour of
 * its latest version.
 *
 * ```sql
 * select hour, count(article.id) from generate_series(date_trunc('hour', now()) - ($1 - 1) * interval '1 hour',
 *   date_trunc('hour', now()), interval '1 hour') as hour
 * left join article on article.ingested_at >= hour and article.ingested_at < hour + interval '1 hour'
 * group by hour order by hour
 * ```
 */
export async function articlesPerHour(db: Db, hours: number): Promise<HourCount[]> {
  const { rows } = await sql<{ hour: Date; articles: string }>`
    select hour, count(article.id) as articles
    from generate_series(date_trunc('hour', now()) - ${hours - 1} * interval '1 hour', date_trunc('hour', now()), interval '1 hour') as hour
    left join article on article.ingested_at >= hour and article.ingested_at < hour + interval '1 hour'
    group by hour order by hour
  `.execute(db);
  return rows.map((row) => ({ hour: row.hour, articles: Number(row.articles) }));
}

/** The time from queue to commit of the articles stored lately, in milliseconds; null without any. */
export interface Latency {
  articles: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

/**
 * `ingested_at - queued_at` of the articles stored in the last `minutes` minutes: how long an
 * article took through the queue and all four stages.
 */
export async function recentLatency(db: Db, minutes: number): Promise<Latency> {
  const { rows } = await sql<{ articles: string; p50: number | null; p95: number | null; max: number | null }>`
    select count(*) as articles,
      percentile_cont(0.5) within group (order by latency) as p50,
      percentile_cont(0.95) within group (order by latency) as p95,
      max(latency) as max
    from (
      select extract(epoch from ingested_at - queued_at) * 1000 as latency from article
      where ingested_at >= now() - ${minutes} * interval '1 minute' and queued_at is not null
    ) as recent
  `.execute(db);
  const row = rows[0]!;
  const ms = (value: number | null) => (value === null ? null : Math.round(Number(value)));
  return { articles: Number(row.articles), p50: ms(row.p50), p95: ms(row.p95), max: ms(row.max) };
}

/** How many entities of each type are stored. */
export async function entitiesByType(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('entity').select(['type', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('type').orderBy('type').execute();
  return Object.fromEntries(rows.map((row) => [row.type, Number(row.n)]));
}
