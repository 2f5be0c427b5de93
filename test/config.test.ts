import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has defaults that work on a local machine', () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.database).toEqual({ url: 'postgres://postgres@127.0.0.1:5432/news_ingest', connectTimeoutMs: 5000, statementTimeoutMs: 60_000 });
    expect(config.queuePrefix).toBe('news-ingest');
    expect(config.inbox.dir).toBe(path.resolve('inbox'));
    expect(config.inbox.processedDir).toBe(path.resolve('inbox/processed'));
    expect(config.inbox.failedDir).toBe(path.resolve('inbox/failed'));
    expect(config.logLevel).toBe('info');
    // No port is opened unless one is asked for.
    expect(config.health).toBeUndefined();
    expect(config.dashboard).toEqual({ port: 3100, host: '127.0.0.1', credentials: undefined, readOnly: false });
  });

  it('takes the dashboard password with its user only, and read-only as true or false', () => {
    expect(loadConfig({ DASHBOARD_USER: 'u', DASHBOARD_PASSWORD: 'p', DASHBOARD_READ_ONLY: 'true' }).dashboard).toMatchObject({ credentials: { user: 'u', password: 'p' }, readOnly: true });
    expect(() => loadConfig({ DASHBOARD_PASSWORD: 'p' })).toThrow('DASHBOARD_USER and DASHBOARD_PASSWORD: set both, or neither');
    expect(() => loadConfig({ DASHBOARD_READ_ONLY: 'yes' })).toThrow(/DASHBOARD_READ_ONLY="yes": expected true or false/);
  });

  it('reads every variable, treating empty ones as unset', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://cache:6380',
      DATABASE_URL: 'postgresql://u@db/x',
      INBOX_DIR: '/data/in',
      FAILED_DIR: '/data/bad',
      QUEUE_PREFIX: 'prod',
      WORKER_CONCURRENCY: '3',
      RESCAN_INTERVAL_MS: '5000',
      PROCESSED_DIR: '',
      DATABASE_STATEMENT_TIMEOUT_MS: '30000',
      LOG_LEVEL: 'warn',
      HEALTH_PORT: '8080',
    });
    expect(config).toMatchObject({
      redisUrl: 'redis://cache:6380',
      database: { url: 'postgresql://u@db/x', statementTimeoutMs: 30_000 },
      queuePrefix: 'prod',
      workerConcurrency: 3,
      inbox: { dir: '/data/in', processedDir: '/data/in/processed', failedDir: '/data/bad', rescanIntervalMs: 5000 },
      logLevel: 'warn',
      health: { port: 8080, host: '127.0.0.1' },
    });
  });

  it('tells the tagger the most mentioned stored names unless KNOWN_NAMES_MAX is 0', () => {
    expect(loadConfig({ KNOWN_NAMES_MIN_MENTIONS: '3', KNOWN_NAMES_REFRESH_MS: '5000' }).knownNames).toEqual({ limit: 20_000, minMentions: 3, refreshMs: 5000 });
    expect(loadConfig({ KNOWN_NAMES_MAX: '0' }).knownNames).toBeUndefined();
  });

  it.each([
    ['KNOWN_NAMES_MAX', '-1'],
    ['WORKER_CONCURRENCY', 'abc'],
    ['WORKER_CONCURRENCY', '0'],
    ['RESCAN_INTERVAL_MS', '10'],
    ['REDIS_URL', 'http://localhost'],
    ['DATABASE_URL', 'not a url'],
    ['QUEUE_PREFIX', 'a:b'],
    ['LOG_LEVEL', 'verbose'],
    ['HEALTH_PORT', '65536'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^invalid configuration:\\n  ${name}="${value}": `));
  });
});
