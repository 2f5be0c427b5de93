import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { statisticsKeeper } from '../src/db/statistics.ts';
import { useTestDatabase } from './support/database.ts';

const test = useTestDatabase();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function analyzeCount(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select analyze_count as n from pg_stat_user_tables where relname = 'entity'`.execute(test.db);
  return Number(rows[0]!.n);
}

async function addEntities(count: number, from: number): Promise<void> {
  await sql`insert into entity (type, name, normalized_name) select 'ORG', 'Org ' || i, 'org ' || i from generate_series(${from}::int, ${from + count - 1}::int) as i`.execute(test.db);
}

describe('table statistics', () => {
  it('are refreshed once a table has changed as many times as it holds rows, by one of several workers', async () => {
    const errors: Error[] = [];
    const workers = [statisticsKeeper(test.db, (error) => errors.push(error)), statisticsKeeper(test.db, (error) => errors.push(error))];
    // Each call stands for a hundred articles written: enough for a worker to look at the counters.
    const writeAndWait = async (until: (count: number) => boolean, looks = 60) => {
      for (let tries = 0; tries < looks && !until(await analyzeCount()); tries++) {
        for (const worker of workers) worker(100);
        await sleep(250);
      }
      return analyzeCount();
    };
    const start = await analyzeCount();

    await addEntities(150, 0);
    expect(await writeAndWait((count) => count > start)).toBe(start + 1);
    // Counters reset: neither worker analyzes again for a while.
    expect(await writeAndWait(() => false, 12)).toBe(start + 1);

    // 150 rows now: 100 more changes are not yet enough, 160 are.
    await addEntities(100, 150);
    expect(await writeAndWait(() => false, 12)).toBe(start + 1);
    await addEntities(60, 250);
    expect(await writeAndWait((count) => count > start + 1)).toBe(start + 2);
    expect(errors).toEqual([]);
  }, 60_000);
});
