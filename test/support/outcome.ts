import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { generateArticle } from '../../src/bench/articles.ts';
import type { Config } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { walkInbox } from '../../src/inbox/files.ts';
import type { AuditReport } from '../../src/jobs/audit.ts';
import type { Queues } from '../../src/jobs/queues.ts';
import { runCli } from './cli.ts';
import { waitFor } from './environment.ts';

/**
 * What a fault test checks at the end: every article it dropped is stored exactly once (or failed
 * visibly), nothing is left in the inbox or in a queue, and `audit` accounts for every file taken.
 */

/** The name of dropped article `index`: names sort in the order they were dropped. */
export const articleName = (index: number) => `article-${String(index).padStart(4, '0')}.txt`;

/** The `source_key` of an inbox file named `name`. */
export const inboxKey = (name: string) => `inbox/${name}`;

/** Writes generated article `index` (1–4 KB of Dutch news, distinct for every index) into the inbox; returns its name. */
export async function dropArticle(config: Config, index: number, seed = 1): Promise<string> {
  const name = articleName(index);
  await writeFile(path.join(config.inbox.dir, name), generateArticle(seed, index));
  return name;
}

export interface Dropping {
  /** How many files have been dropped so far. */
  count(): number;
  /** Stops dropping; the names of every file dropped. */
  stop(): Promise<string[]>;
}

/** Drops one article after another into the inbox, `pauseMs` apart, until stopped: files that keep arriving whatever else happens. */
export function startDropping(config: Config, pauseMs: number): Dropping {
  const names: string[] = [];
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      names.push(await dropArticle(config, names.length));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    count: () => names.length,
    async stop() {
      stopping = true;
      await loop;
      return names;
    },
  };
}

/** The `source_key` of every stored article, in order; a key stored twice shows twice. */
export async function storedKeys(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('article').select('source_key').orderBy('source_key').execute();
  return rows.map((row) => row.source_key);
}

/** The article files still in the inbox (processed/ and failed/ are not looked into). */
export async function inboxFiles(config: Config): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of walkInbox(config.inbox)) if (entry.kind === 'file') files.push(entry.path);
  return files;
}

/** The names of the files in a folder below which the pipeline files articles (none when it is not there). */
export async function filesIn(dir: string): Promise<string[]> {
  return existsSync(dir) ? (await readdir(dir)).sort() : [];
}

/** Jobs that wait, run or are due to run again: none once the pipeline is done. */
export async function jobsUnderWay(queues: Queues): Promise<number> {
  const counts = await queues.article.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/**
 * Waits until every one of `keys` is stored, the inbox holds no article file and no article job is
 * under way: the pipeline has done all it will do with what was dropped.
 */
export async function waitUntilAllStored(
  { db, queues, config }: Omit<Checked, 'env'>,
  keys: readonly string[],
  timeoutMs = 90_000,
): Promise<void> {
  const wanted = new Set(keys);
  await waitFor(
    `all ${keys.length} articles to be stored and the inbox and queue to be empty`,
    async () =>
      (await storedKeys(db)).filter((key) => wanted.has(key)).length >= wanted.size && (await inboxFiles(config)).length === 0 && (await jobsUnderWay(queues)) === 0,
    timeoutMs,
  );
}

/** Each of `keys` is stored, and stored once, and nothing else is. */
export async function expectStoredOnce(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  expect(await storedKeys(db)).toEqual([...keys].sort());
}

/** What a test checks the outcome through: its database, its queues, its settings and the environment of its processes. */
export interface Checked {
  db: Kysely<Database>;
  queues: Queues;
  config: Config;
  env: NodeJS.ProcessEnv;
}

/**
 * The end of a fault test in which every file dropped (by name, in the inbox) is a good article:
 * each is stored exactly once and filed in processed/, none failed, and `audit` is clean, with each
 * version taken stored.
 */
export async function expectAllStoredOnce({ db, queues, config, env }: Checked, names: readonly string[]): Promise<void> {
  await expectStoredOnce(db, names.map(inboxKey));
  expect(await filesIn(config.inbox.processedDir)).toEqual([...names].sort());
  expect(await filesIn(config.inbox.failedDir)).toEqual([]);
  expect(await queues.article.getFailedCount()).toBe(0);
  const report = await expectAuditClean(env);
  expect(report.settled).toMatchObject({ stored: names.length, failed: 0 });
}

/**
 * Runs `news-ingest audit --json` as a user would, and checks that it is clean: it exits 0, lists
 * nothing unaccounted for, and (the pipeline being done) nothing is still under way. Returns the
 * report for further checks.
 */
export async function expectAuditClean(env: NodeJS.ProcessEnv): Promise<AuditReport> {
  const { code, stdout, stderr } = await runCli(['audit', '--json'], env);
  expect(code, `audit exited with ${code}:\n${stdout}\n${stderr}`).toBe(0);
  const report = JSON.parse(stdout) as AuditReport;
  expect(report.unaccounted).toEqual([]);
  expect(report.underWay).toEqual({ 'in a queue': 0, 'failed in its job': 0, 'in the inbox': 0 });
  return report;
}
