import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../src/db/connection.ts';
import { openReadiness } from '../src/http/readiness.ts';
import { exitOf, spawnCli } from './support/cli.ts';
import { useTestEnvironment, waitFor } from './support/environment.ts';
import { logged } from './support/logs.ts';
import { startRedisServer, type RedisServer } from './support/redis-server.ts';
import { startTcpProxy } from './support/tcp-proxy.ts';

const environment = useTestEnvironment();

describe('the health endpoints of a running worker', () => {
  // A Redis of the test's own, which it stops and starts again.
  let redis: RedisServer;
  let worker: ReturnType<typeof spawnCli>;
  let base: string;

  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: false });
    // Port 0: any free one, which the worker logs.
    worker = spawnCli(['worker'], { ...environment.env, REDIS_URL: redis.url, HEALTH_PORT: '0' });
    const [listening] = await waitFor('the health endpoints', async () => {
      const lines = logged(worker.output(), 'health endpoints listening');
      return lines.length > 0 && lines;
    });
    base = `http://127.0.0.1:${listening!.port}`;
  });
  afterAll(async () => {
    worker?.kill('SIGTERM');
    if (worker) await exitOf(worker);
    await redis?.stop();
  });

  const get = async (endpoint: string) => {
    const response = await fetch(`${base}${endpoint}`);
    return { status: response.status, body: await response.json() };
  };
  const readyzAnswers = (status: number) => waitFor(`/readyz to answer ${status}`, async () => ((await get('/readyz')).status === status ? get('/readyz') : undefined));

  it('answer /healthz while the process runs, and /readyz once Redis, Postgres and the schema are as it needs them', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, body: { alive: true } });
    await readyzAnswers(200);
    expect(await get('/readyz')).toEqual({ status: 200, body: { ready: true, checks: { redis: 'ok', postgres: 'ok', migrations: 'ok' } } });
    expect((await get('/nothing')).status).toBe(404);
  });

  it('are not ready while a migration is missing from the database, and ready again once it is there', async () => {
    const db = createDatabase(environment.config.database, { max: 1 });
    try {
      const last = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(db);
      const { name, timestamp } = last.rows[0]!;
      await sql`delete from kysely_migration where name = ${name}`.execute(db);
      const { body } = await readyzAnswers(503);
      expect(body).toEqual({ ready: false, checks: { redis: 'ok', postgres: 'ok', migrations: `not applied: ${name}` } });
      await sql`insert into kysely_migration (name, timestamp) values (${name}, ${timestamp})`.execute(db);
      await readyzAnswers(200);
    } finally {
      await db.destroy();
    }
  });

  it('are not ready while Redis is down, naming it, and ready again once it is back; alive all along', async () => {
    await redis.crash();
    const { body } = await readyzAnswers(503);
    expect(body).toEqual({ ready: false, checks: { redis: expect.stringMatching(/^not connected/), postgres: 'ok', migrations: 'ok' } });
    expect((await get('/healthz')).status).toBe(200);
    await redis.restart();
    await readyzAnswers(200);
  });
});

describe('the readiness checks', () => {
  it('report a frozen Postgres as not answering, rather than wait for it', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    const { config } = environment;
    const readiness = openReadiness({ ...config, database: { ...config.database, url: proxy.through(config.database.url) } });
    try {
      await waitFor('Redis and Postgres to answer', async () => (await readiness.check()).ready);
      proxy.set('frozen');
      expect(await readiness.check()).toEqual({
        ready: false,
        checks: { redis: 'ok', postgres: expect.stringMatching(/^no answer within/), migrations: expect.stringMatching(/^no answer within/) },
      });
    } finally {
      await readiness.close();
      await proxy.close();
    }
  });
});
