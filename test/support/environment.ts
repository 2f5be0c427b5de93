import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { type Config, loadConfig } from '../../src/config.ts';
import { dropDatabase, prepareDatabase } from '../../src/db/migrate.ts';
import { deleteQueueKeys } from '../../src/jobs/queues.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/** Data the tests read: see test/fixtures/README.md. */
export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');

const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestEnvironment {
  config: Config;
  /** The variables a child process needs to work on this environment's database, queues and inbox. */
  env: NodeJS.ProcessEnv;
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * A database, a queue prefix and an inbox of this test's own, so that test files running side by
 * side (and other runs on the same machine) never see each other's data.
 */
export async function createTestEnvironment(overrides: NodeJS.ProcessEnv = {}): Promise<TestEnvironment> {
  const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = new URL(BASE_DATABASE_URL);
  databaseUrl.pathname = `/news_ingest_test_${id}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'news-ingest-test-'));
  const env = {
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL,
    QUEUE_PREFIX: `test-${id}`,
    INBOX_DIR: path.join(dir, 'inbox'),
    SEEDS_DIR: path.join(REPO_ROOT, 'seeds'),
    INBOX_STABLE_MS: '200',
    ENTITY_THREADS: '1',
    ...overrides,
  };
  const config = loadConfig(env);
  await prepareDatabase(config.database);
  return {
    config,
    env: { ...process.env, ...env },
    dir,
    async cleanup() {
      await dropDatabase(config.database);
      await removeQueueKeys(config.queuePrefix);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function removeQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    await deleteQueueKeys(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

/** Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * An environment of the calling test file's (or block's) own, made before its tests and removed
 * after them (see {@link createTestEnvironment}).
 */
export function useTestEnvironment(overrides: NodeJS.ProcessEnv = {}): TestEnvironment {
  let environment: TestEnvironment | undefined;
  beforeAll(async () => {
    environment = await createTestEnvironment(overrides);
  });
  afterAll(async () => {
    await environment?.cleanup();
  });
  const made = () => {
    if (!environment) throw new Error('the test environment is made before the tests run');
    return environment;
  };
  return {
    get config() {
      return made().config;
    },
    get env() {
      return made().env;
    },
    get dir() {
      return made().dir;
    },
    cleanup: () => made().cleanup(),
  };
}
