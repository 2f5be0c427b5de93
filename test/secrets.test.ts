import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { withoutPassword } from '../src/config.ts';
import { exitOf, runCli, spawnCli } from './support/cli.ts';
import { useTestEnvironment, waitFor } from './support/environment.ts';
import { logged } from './support/logs.ts';

/** Postgres (trust authentication) and Redis (no password set) accept any password: it only has to stay unseen. */
const SECRET = 'pw-9f3b-never-shown';
const environment = useTestEnvironment();

const withPassword = (url: string, user: string) => {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = SECRET;
  return parsed.toString();
};

/** Every string value Redis holds under the queue prefix: job data, results, failure reasons, counters. */
async function redisValues(url: string, prefix: string): Promise<string[]> {
  const redis = new Redis(url);
  try {
    const values: string[] = [];
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
      for (const key of keys) {
        const type = await redis.type(key);
        if (type === 'string') values.push((await redis.get(key)) ?? '');
        else if (type === 'hash') values.push(...Object.entries(await redis.hgetall(key)).flat());
        else if (type === 'list') values.push(...(await redis.lrange(key, 0, -1)));
        else if (type === 'zset') values.push(...(await redis.zrange(key, '0', '-1')));
        else if (type === 'set') values.push(...(await redis.smembers(key)));
        else if (type === 'stream') values.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      }
    }
    return values;
  } finally {
    redis.disconnect();
  }
}

describe('secrets', () => {
  it('never shows the password of DATABASE_URL or REDIS_URL: not in logs, job data, status, audit or errors', async () => {
    const { config } = environment;
    const env = {
      ...environment.env,
      DATABASE_URL: withPassword(config.database.url, 'postgres'),
      REDIS_URL: withPassword(config.redisUrl, ''),
    };
    const folder = path.join(environment.dir, 'articles');
    await mkdir(folder);
    await writeFile(path.join(folder, 'good.txt'), ' date 2024-03 Olaf Scholz bezocht Parijs.');
    await writeFile(path.join(folder, 'bad.txt'), 'geen kop');

    const worker = spawnCli(['worker'], env);
    const outputs: string[] = [];
    try {
      const ingest = await runCli(['ingest', '--wait', folder], env);
      outputs.push(ingest.stdout, ingest.stderr);
      expect(logged(ingest.stdout, 'stored')).toEqual([expect.objectContaining({ file: expect.stringMatching(/good\.txt$/) })]);
      for (const command of [['status', '--json'], ['audit'], ['status']]) {
        const result = await runCli(command, env);
        outputs.push(result.stdout, result.stderr);
      }
      // Refused settings and refused connections name the variable, not its password.
      const wrongScheme = await runCli(['status'], { ...env, DATABASE_URL: `mysql://postgres:${SECRET}@127.0.0.1/x` });
      expect(wrongScheme.stderr).toMatch(/DATABASE_URL="mysql:\/\/postgres:\*\*\*@127\.0\.0\.1\/x"/);
      const nobodyThere = await runCli(['status'], { ...env, DATABASE_URL: `postgres://postgres:${SECRET}@127.0.0.1:1/x` });
      expect(nobodyThere.code).not.toBe(0);
      outputs.push(wrongScheme.stdout, wrongScheme.stderr, nobodyThere.stdout, nobodyThere.stderr);
    } finally {
      worker.kill('SIGTERM');
      await exitOf(worker);
    }
    outputs.push(worker.output());
    await waitFor('the worker to have logged', async () => logged(worker.output(), 'stored').length > 0);
    for (const output of outputs) expect(output).not.toContain(SECRET);
    const values = await redisValues(config.redisUrl, config.queuePrefix);
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).not.toContain(SECRET);
  });

  it('shows a connection string without its password', () => {
    expect(withoutPassword(`postgres://u:${SECRET}@db:5432/x`)).toBe('postgres://u:***@db:5432/x');
    expect(withoutPassword(`redis://:${SECRET}@cache:6379`)).toBe('redis://:***@cache:6379');
    expect(withoutPassword('postgres://u@db/x')).toBe('postgres://u@db/x');
  });
});
