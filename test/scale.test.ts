import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../src/db/connection.ts';
import { exitOf, spawnCli } from './support/cli.ts';
import { createTestEnvironment, type TestEnvironment, waitFor } from './support/environment.ts';
import { expectAuditClean } from './support/outcome.ts';

const FIRST = ['Annelies', 'Joris', 'Fatima', 'Pieter', 'Marloes', 'Koen', 'Ilse', 'Ruben', 'Sanne', 'Bram'];
const LAST = ['Verbrugghe', 'Oosterbeek', 'Bensaïd', 'Heemskerk', 'Wijnbergen', 'Vanderstraeten', 'Dijkgraaf', 'Zwanenburg', 'Groeneveld', 'Hooghiemstra', 'Ravensbergen', 'Amrani'];
const PEOPLE = LAST.flatMap((last, i) => [FIRST[i % FIRST.length]!, FIRST[(i + 3) % FIRST.length]!].map((first, j) => [first, j === 0 ? last : `${last}-${first.slice(0, 3)}`] as const));
const ARTICLES = PEOPLE.length * 2;

/**
 * Articles `2k` and `2k + 1` name person k for the first time, one by full name and one by surname
 * only: side by side in the queue, they are written by the two workers at the same moment.
 */
function articleText(i: number): string {
  const [first, last] = PEOPLE[Math.floor(i / 2)]!;
  return i % 2 === 0
    ? ` date 2024-03 ${first} ${last} sprak dinsdag in Utrecht met de pers over plan ${i}.`
    : ` date 2024-03 Volgens ${last} is plan ${i} goed, zei ${last} dinsdag in Utrecht.`;
}

/** What the database holds, written so that two runs can be compared: every mention with its entity, every entity with its aliases. */
async function contents(environment: TestEnvironment) {
  const db = createDatabase(environment.config.database, { max: 1 });
  try {
    const mentions = await db
      .selectFrom('mention')
      .innerJoin('article', 'article.id', 'mention.article_id')
      .innerJoin('entity', 'entity.id', 'mention.entity_id')
      .select(['article.source_key', 'mention.start', 'mention.text', 'entity.type', 'entity.name'])
      .orderBy('article.source_key')
      .orderBy('mention.start')
      .execute();
    const { rows: entities } = await sql<{ type: string; name: string; aliases: string[] }>`
      select type, name, array_agg(alias order by alias) as aliases from entity join entity_alias on entity_alias.entity_id = entity.id
      group by type, name order by type, name
    `.execute(db);
    const keys = await db.selectFrom('article').select('source_key').execute();
    return { mentions, entities, keys: keys.map((row) => row.source_key) };
  } finally {
    await db.destroy();
  }
}

/** Drops the articles into the inbox and runs `workers` worker processes, each from a working directory of its own, until all are filed. */
async function ingestWith(workers: number): Promise<TestEnvironment> {
  const environment = await createTestEnvironment({ RESCAN_INTERVAL_MS: '1000', WORKER_CONCURRENCY: '4', BATCH_SIZE: '2' });
  const { dir, processedDir } = environment.config.inbox;
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < ARTICLES; i++) await writeFile(path.join(dir, `article-${String(i).padStart(3, '0')}.txt`), articleText(i));
  const children = await Promise.all(
    Array.from({ length: workers }, async (_, i) => {
      const cwd = path.join(environment.dir, `worker-${i}`);
      await mkdir(cwd);
      return spawnCli(['worker'], environment.env, cwd);
    }),
  );
  try {
    await waitFor('every file filed in processed/', async () => existsSync(processedDir) && readdirSync(processedDir).length === ARTICLES, 90_000);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map(exitOf));
  }
  // Workers that raced for the same new names still account for every file they took, once each.
  expect(await expectAuditClean(environment.env)).toMatchObject({ taken: ARTICLES, settled: { stored: ARTICLES } });
  return environment;
}

describe('workers on several machines (two processes, separate working directories, one Redis and Postgres)', () => {
  const environments: TestEnvironment[] = [];
  afterAll(async () => {
    await Promise.all(environments.map((environment) => environment.cleanup()));
  });

  it('store each article once, link names exactly as one worker does, and leave audit clean', async () => {
    const one = await contents(environments[environments.push(await ingestWith(1)) - 1]!);
    const two = await contents(environments[environments.push(await ingestWith(2)) - 1]!);
    expect(two.keys.sort()).toEqual(Array.from({ length: ARTICLES }, (_, i) => `inbox/article-${String(i).padStart(3, '0')}.txt`));
    expect(two.mentions).toEqual(one.mentions);
    expect(two.entities).toEqual(one.entities);
    // The surnames quoted before their full name was stored were joined to it, not kept apart.
    const people = two.entities.filter((entity) => entity.type === 'PER');
    const fullNames = people.filter((person) => person.name.includes(' '));
    expect(people.filter((person) => fullNames.some((full) => full.name.endsWith(` ${person.name}`)))).toEqual([]);
    const linked = people.filter((person) => person.aliases.some((alias) => !alias.includes(' ')));
    expect(linked.length).toBeGreaterThanOrEqual(PEOPLE.length / 4);
  }, 240_000);
});
