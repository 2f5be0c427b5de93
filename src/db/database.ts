import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Block, SourceEncoding } from '../article/article.ts';
import type { Precision } from '../dates/published.ts';
import type { EntityType } from '../entities/entity.ts';

/** jsonb columns are written as JSON text and read back as values. */
type Json<T> = ColumnType<T, string, string>;
type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;

/** One article per source file; an edited file replaces its earlier version. */
export interface ArticleTable {
  id: Generated<number>;
  /** Where the article came from: its path relative to the inbox or the ingested folder. */
  source_key: string;
  /** sha256 of the file's bytes: the same content is stored once, whatever its file name. */
  content_hash: string;
  /** The file's modification time; an older version never overwrites a newer one. */
  source_modified_at: Date;
  format: 'text' | 'json';
  /** How the file was written; text in Windows-1252 (Latin-1) was converted when it was read. */
  source_encoding: SourceEncoding;
  title: string | null;
  body: string;
  blocks: Json<Block[]>;
  publisher: string | null;
  url: string | null;
  /** ISO 8601 cut to the precision: `2023-03`. */
  published_value: string;
  published_precision: Precision;
  /** The first day the publication date covers (`2023-03` → 2023-03-01), for sorting and ranges. */
  published_on: string;
  /** The date as the file writes it (`vrijdag 3 maart 2023 14.05 uur`). */
  published_text: string;
  /**
   * The first and last instant the date covers: "articles from March 2023" at any precision.
   * Null only for articles stored before these columns existed, until `reprocess` fills them in.
   */
  published_start: Date | null;
  published_end: Date | null;
  /** The header's offset or, for a time without one, the zone it was read in; null without a time. */
  published_timezone: string | null;
  /** Whether the zone is an assumption (a time without an offset). */
  published_implied: boolean;
  /** A weekday that contradicts the date, a local time that does not exist. */
  published_warnings: Json<string[]>;
  /** Which entity extractor (and model version) produced this article's mentions. */
  extractor: string;
  /** When the file was put on the queue (null for articles stored before this was recorded). */
  queued_at: Date | null;
  /** When the transaction that stored it began. */
  ingested_at: CreatedAt;
  /**
   * The title and body as Dutch words (`to_tsvector('dutch', …)`), for full-text search; Postgres
   * computes it when the title or body is written (migration 0009).
   */
  search: ColumnType<string, never, never>;
  updated_at: UpdatedAt;
}

/** A person, place, organisation or other name, unique per type and normalized name. */
export interface EntityTable {
  id: Generated<number>;
  type: EntityType;
  name: string;
  normalized_name: string;
  /** For a nationality ("Russische"): the country it refers to, ISO 3166 code and Dutch name. */
  country_code: string | null;
  country_name: string | null;
  created_at: CreatedAt;
}

/** Every form an entity was written in ("Blinken", "Antony Blinken"); deleted with its entity. */
export interface EntityAliasTable {
  entity_id: number;
  alias: string;
  normalized_alias: string;
}

/**
 * An entity's occurrence in an article, at character offsets into `article.body`; deleted with its
 * article. Its article and entity are not foreign keys (checked per row, they cost too much on the
 * write path): the batch writer is the only writer, and deletes cascade by triggers (migration 0005).
 */
export interface MentionTable {
  article_id: number;
  entity_id: number;
  start: number;
  end: number;
  text: string;
}

/** A time expression in an article's text, normalized TIMEX3-style relative to the publication date; deleted with its article. */
export interface TimeExpressionTable {
  article_id: number;
  start: number;
  end: number;
  text: string;
  type: 'DATE' | 'TIME' | 'DURATION' | 'SET';
  /** `2022-01-21`, `2022-WXX-5`, `PT10M`, `2021-SU`… */
  value: string;
  /** START, MID or END for "begin", "half", "eind". */
  mod: string | null;
  /** The days the expression can mean, when it names a time (not for durations). */
  first_day: string | null;
  last_day: string | null;
}

/** What became of a file version taken from the inbox or given to `ingest`. */
export type IntakeOutcome = 'stored' | 'failed' | 'superseded' | 'gone';

/**
 * A file version the producers took, recorded before its job was queued (the job id derives from
 * its path and version), with what became of it once its job settled: null while under way.
 */
export interface IntakeTable {
  job_id: string;
  /** The article's identity: `inbox/<path>` or the absolute path of a file given to `ingest`. */
  source_key: string;
  /** Where the file was when it was taken. */
  path: string;
  from_inbox: boolean;
  size: number;
  taken_at: ColumnType<Date, Date | undefined, never>;
  /**
   * `superseded`: the file changed before it was read (the newer version was taken on its own), or a
   * newer version of it was already stored; `gone`: removed, or replaced by what is not a regular file, before it was read.
   */
  outcome: IntakeOutcome | null;
  /** The content stored: the article's `content_hash`. */
  content_hash: string | null;
  /** For a failure: the stage and why. */
  stage: string | null;
  reason: string | null;
  settled_at: Date | null;
}

export interface Database {
  article: ArticleTable;
  intake: IntakeTable;
  entity: EntityTable;
  entity_alias: EntityAliasTable;
  mention: MentionTable;
  time_expression: TimeExpressionTable;
}

export type ArticleRow = Selectable<ArticleTable>;
