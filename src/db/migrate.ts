import { type Kysely, sql } from 'kysely';
import { DEFAULT_MIGRATION_TABLE, type Migration, Migrator } from 'kysely/migration';
import pg from 'pg';
import { connectionConfig, createDatabase, type DatabaseSettings } from './connection.ts';
import * as initial from './migrations/0001_articles_entities_mentions.ts';
import * as aliases from './migrations/0002_entity_aliases_countries.ts';
import * as timeExpressions from './migrations/0003_publication_ranges_time_expressions.ts';
import * as queuedAt from './migrations/0004_article_queued_at.ts';
import * as setBasedCascades from './migrations/0005_set_based_cascades.ts';
import * as unfilteredText from './migrations/0006_no_statistics_for_unfiltered_text.ts';
import * as sourceEncoding from './migrations/0007_article_source_encoding.ts';
import * as intake from './migrations/0008_intake.ts';
import * as queryIndexes from './migrations/0009_query_indexes.ts';
import * as articleIngestedAt from './migrations/0010_article_ingested_at.ts';

/** Every migration, in order. Names are stored in the database: never rename one. */
const migrations: Record<string, Migration> = {
  '0001_articles_entities_mentions': initial,
  '0002_entity_aliases_countries': aliases,
  '0003_publication_ranges_time_expressions': timeExpressions,
  '0004_article_queued_at': queuedAt,
  '0005_set_based_cascades': setBasedCascades,
  '0006_no_statistics_for_unfiltered_text': unfilteredText,
  '0007_article_source_encoding': sourceEncoding,
  '0008_intake': intake,
  '0009_query_indexes': queryIndexes,
  '0010_article_ingested_at': articleIngestedAt,
};

const DUPLICATE_DATABASE = '42P04';

/**
 * A client of the server's `postgres` database, for creating and dropping the project's own. Like
 * migrations, its statements are not limited: creating or dropping a database on a busy server can
 * take longer than any statement of the pipeline should.
 */
async function maintenanceClient(database: DatabaseSettings): Promise<{ client: pg.Client; name: string }> {
  const url = new URL(database.url);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (name === '') throw new Error('DATABASE_URL names no database');
  url.pathname = '/postgres';
  const client = new pg.Client(connectionConfig({ ...database, url: url.toString() }, true));
  await client.connect();
  return { client, name };
}

/** Creates the database `DATABASE_URL` names if the server does not have it yet. */
export async function ensureDatabaseExists(database: DatabaseSettings): Promise<void> {
  const { client, name } = await maintenanceClient(database);
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database ${pg.escapeIdentifier(name)}`).catch((error: { code?: string }) => {
        if (error.code !== DUPLICATE_DATABASE) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** Drops the database `DATABASE_URL` names, closing its connections first. */
export async function dropDatabase(database: DatabaseSettings): Promise<void> {
  const { client, name } = await maintenanceClient(database);
  try {
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}

/** Applies the migrations not yet applied; concurrent callers wait on Kysely's migration lock. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
  // Fresh tables and columns need statistics before the first plans are made on them.
  if (results.length > 0) await sql`analyze`.execute(db);
  return results.map((result) => result.migrationName);
}

/** How the schema stands against this version's migrations: those not applied yet, and those applied that it does not know. */
export async function migrationState(db: Kysely<any>): Promise<{ pending: string[]; unknown: string[] }> {
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
  const applied = new Set(rows.map((row) => row.name));
  const known = Object.keys(migrations);
  return { pending: known.filter((name) => !applied.has(name)), unknown: [...applied].filter((name) => !(name in migrations)) };
}

/** Creates the database if needed and brings its schema up to date; returns the migrations applied. */
export async function prepareDatabase(database: DatabaseSettings): Promise<string[]> {
  await ensureDatabaseExists(database);
  const db = createDatabase(database, { max: 1, unlimitedStatements: true });
  try {
    return await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}
