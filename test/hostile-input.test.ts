import { execFileSync } from 'node:child_process';
import { constants, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, open, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRow } from '../src/db/database.ts';
import { sha256 } from '../src/inbox/lifecycle.ts';
import { type EntryKind, kindOf } from '../src/inbox/safe-fs.ts';
import { type InboxWatcher, watchInbox } from '../src/jobs/watcher.ts';
import { runCli } from './support/cli.ts';
import { waitFor } from './support/environment.ts';
import { logged } from './support/logs.ts';
import { leftInbox, pause, skippedInStatus, whereIs, writeInPieces } from './support/inbox.ts';
import { recordingLogger, type RunningPipeline, startPipeline } from './support/pipeline.ts';

/**
 * Hostile input: what a stranger can drop into the inbox, and what becomes of each entry. The table
 * (`CASES`) comes first, then the tests that run it: one pipeline (the inbox watcher and the
 * workers) takes all of it at once, in one inbox.
 */

const STABLE_MS = 300;
const GIB = 2 ** 30;
const isRoot = process.getuid?.() === 0;

const HEADER = ' date 2024-03 ';
/** A text article; every stored case has a text of its own, since the same content is stored once. */
const article = (text: string) => `${HEADER}${text}`;
/** The text of an article made by `article`, as it is stored. */
const textOf = (file: string) => file.slice(HEADER.length);

const SQL_TEXT = `Robert'); DROP TABLE article; -- zei: "; DELETE FROM entity WHERE ''=''; SELECT pg_sleep(30); $$ \\'; TRUNCATE mention; -- in Den Haag.`;
const HTML_TEXT = `<script>alert("xss")</script><img src=x onerror="alert(1)"> <b>Mark Rutte</b> &amp; &lt;Sigrid Kaag&gt; <!-- commentaar --> sprak.`;
const CONTROL_TEXT = `Bel\x07, escape \x1b[31mrood\x1b[0m\x1b]0;titel\x07, terug\x08, weg\x7f, tabs\x0b\x0c, C1 \u0085\u009b, omgekeerd \u202enegeR\u202c en nulbreedte\u200b in Utrecht.`;
/** A secret in a file outside the inbox that links point to: it must never be read. */
const SECRET = 'GEHEIM-b41d';

/**
 * A writer that stops mid-file for longer than INBOX_STABLE_MS, then finishes. It stays away until
 * the pipeline has done what it does with the piece it found (queued it and settled its job), so
 * that the outcome does not depend on how busy the machine is.
 */
const pausedWriter = (content: string, splitAt: number) => (file: string, { jobsFor }: Surroundings) =>
  writeInPieces(file, [content.slice(0, splitAt), content.slice(splitAt)], async () => {
    await pause(2 * STABLE_MS);
    // A pipeline that never takes a file still being written queues nothing here: that is no failure.
    await waitFor('the first piece to be queued', async () => (await jobsFor(file)).queued >= 1, 10_000).catch(() => {});
    await waitFor('its job to settle', async () => {
      const { queued, settled } = await jobsFor(file);
      return settled === queued;
    });
  });
const PAUSED_IN_HEADER = article('Het kabinet besprak de begroting, die een paar keer werd onderbroken.');
const PAUSED_IN_TEXT = article('De Tweede Kamer vergaderde tot diep in de nacht over de stikstofwet.');
const SLOW_TEXT = article('Een trage kopie van een artikel over de verkiezingen in Gelderland. '.repeat(4).trim());
const AGAIN_TEXT = article('Hetzelfde bestand, opnieuw neergezet terwijl het eerste nog werd verwerkt.');
const SHIFT_JIS_SENTENCE = [0x82, 0xa0, 0x82, 0xa2, 0x82, 0xa4, 0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x95, 0xb6, 0x8f, 0xcd, 0x82, 0xc5, 0x82, 0xb7, 0x81, 0x42];

type StoredColumns = Pick<ArticleRow, 'format' | 'source_encoding' | 'title' | 'body' | 'publisher' | 'published_value'>;

type Expected =
  /** In Postgres with these columns, and in processed/ under the same name, unchanged. */
  | { outcome: 'stored'; row: Partial<StoredColumns> }
  /** In failed/, unchanged, with `<name>.error.txt` whose reason (one line) matches. */
  | { outcome: 'failed'; reason: RegExp }
  /** Still where it was, unopened, listed by `status` as left alone. */
  | { outcome: 'left alone'; kind: Exclude<EntryKind, 'file' | 'directory'> }
  /** A name that marks a file still being written: never taken, whatever it holds. */
  | { outcome: 'waits' };

/** What a case's `make` may use besides the path it creates. */
interface Surroundings {
  /** A folder outside the inbox, with `secret.txt` and `articles/`. */
  outside: string;
  /** How many versions of `file` have been queued (by the watcher or the rescan), and how many of their jobs are done. */
  jobsFor(file: string): Promise<{ queued: number; settled: number }>;
}

interface Case {
  /** What is dropped, in the words. */
  what: string;
  /** The entry's name in the inbox. */
  name: string;
  /** The bytes dropped: written in one go, unless `make` says how (it makes the entries that are not files, too). */
  content?: string | Uint8Array;
  make?: (file: string, surroundings: Surroundings) => Promise<void>;
  expected: Expected;
  needsRoot?: boolean;
}

const CASES: Case[] = [
  // Content that is not an article.
  { what: 'an empty file', name: 'empty.txt', content: '', expected: { outcome: 'failed', reason: /^the file is empty; expected a "date YYYY-MM" header/ } },
  { what: 'a file of white space', name: 'blank.txt', content: ' \n\t\r\n', expected: { outcome: 'failed', reason: /^the file holds only white space; expected a "date YYYY-MM" header/ } },
  {
    what: 'a binary file',
    name: 'image.png',
    content: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    expected: { outcome: 'failed', reason: /^byte 8 is a NUL character: this is a binary file, not UTF-8 text$/ },
  },
  {
    what: 'text in an encoding that is neither UTF-8 nor Windows-1252',
    name: 'shift-jis.txt',
    content: Buffer.concat([Buffer.from(' date 2023-03 '), Buffer.from(Array.from({ length: 8 }, () => SHIFT_JIS_SENTENCE).flat())]),
    expected: { outcome: 'failed', reason: /^byte 14 is not valid UTF-8, and it looks like Shift_JIS; save the file as UTF-8$/ },
  },
  {
    what: 'Latin-1 text',
    name: 'latin1.txt',
    content: Buffer.from(article('Het café in Genève bleef dicht, zei Müller.'), 'latin1'),
    expected: { outcome: 'stored', row: { source_encoding: 'windows-1252', body: 'Het café in Genève bleef dicht, zei Müller.' } },
  },
  {
    // As Windows tools save JSON: a byte-order mark that JSON.parse would choke on, were it kept.
    what: 'a byte-order mark',
    name: 'bom.json',
    content: `\uFEFF${JSON.stringify({ date: '2024-03-06', title: 'Met BOM', text: 'Een bestand uit Kladblok, met een byte-order mark.' })}`,
    expected: { outcome: 'stored', row: { format: 'json', source_encoding: 'utf-8', title: 'Met BOM', body: 'Een bestand uit Kladblok, met een byte-order mark.' } },
  },
  {
    what: 'Windows line endings',
    name: 'crlf.txt',
    content: article('Eerste alinea over Windows.\r\n\r\nTussenkop\r\n\r\nTweede alinea.\r\n'),
    expected: { outcome: 'stored', row: { body: 'Eerste alinea over Windows.\n\nTussenkop\n\nTweede alinea.' } },
  },
  { what: 'a header with no text', name: 'header-only.txt', content: ' date 2023-03   \r\n\r\n', expected: { outcome: 'failed', reason: /^line 1: the date header is not followed by any article text$/ } },
  {
    what: 'no header, and control characters where it should be',
    name: 'no-header.txt',
    content: '\n\x1b[2J\x1b[31mGeen kop\x07 maar stuurtekens.',
    // The reason quotes the line with its control characters spelt out: `status` shows it in a terminal.
    expected: { outcome: 'failed', reason: /^line 2: found "\\u001b\[2J\\u001b\[31mGeen kop\\u0007 maar stuurtekens\."; expected a "date YYYY-MM" header/ },
  },
  {
    what: 'an impossible date',
    name: 'impossible-date.txt',
    content: ' date 31 februari 2023 De minister sprak.',
    expected: { outcome: 'failed', reason: /^line 1 \(date header\) "31 februari 2023": februari 2023 has no day 31 \(1–28\)$/ },
  },
  {
    what: 'a file far over the size limit (10 GiB, sparse: refused by its size, never read)',
    name: 'huge.txt',
    make: async (file) => {
      const handle = await open(file, 'w');
      await handle.truncate(10 * GIB);
      await handle.close();
    },
    expected: { outcome: 'failed', reason: /^the file has 10737418240 bytes; an article may have at most 1000000 \(MAX_ARTICLE_BYTES\)$/ },
  },

  // JSON that is not a JSON article.
  {
    what: 'JSON that is not an object',
    name: 'array.json',
    content: '[1, 2, 3]',
    expected: { outcome: 'failed', reason: /^line 1: found "\[1, 2, 3\]"; expected a "date YYYY-MM" header .* or a JSON article \{"date", "text"/ },
  },
  {
    what: 'JSON with fields of the wrong type',
    name: 'wrong-types.json',
    content: '{"date": 20240305, "text": ["Mark Rutte sprak."], "title": true}',
    expected: {
      outcome: 'failed',
      reason: /^JSON article: field "date" is a number; expected a string; field "title" is a boolean; expected a string; field "text" is an array; expected a string$/,
    },
  },
  { what: 'JSON with an impossible date', name: 'impossible-date.json', content: '{"date": "2023-02-31", "text": "x"}', expected: { outcome: 'failed', reason: /^field "date" "2023-02-31": februari 2023 has no day 31/ } },
  { what: 'broken JSON', name: 'broken.json', content: '{"date": "2024-05",\n "text": }', expected: { outcome: 'failed', reason: /^not valid JSON: line 2, column 10: ValueExpected$/ } },

  // Text that must be stored as text: never executed, never interpreted.
  { what: 'text with SQL in it', name: 'sql.txt', content: article(SQL_TEXT), expected: { outcome: 'stored', row: { body: SQL_TEXT } } },
  { what: 'text with HTML in it', name: 'html.txt', content: article(HTML_TEXT), expected: { outcome: 'stored', row: { body: HTML_TEXT } } },
  { what: 'text with control characters in it', name: 'control.txt', content: article(CONTROL_TEXT), expected: { outcome: 'stored', row: { body: CONTROL_TEXT } } },
  {
    what: 'a JSON article with SQL and HTML in every field',
    name: 'fields.json',
    content: JSON.stringify({ date: '2024-03-05', title: "'; DROP TABLE article; --", source: '<b>De Krant</b>', text: `${HTML_TEXT} ${SQL_TEXT}` }),
    expected: { outcome: 'stored', row: { format: 'json', title: "'; DROP TABLE article; --", publisher: '<b>De Krant</b>', body: `${HTML_TEXT} ${SQL_TEXT}`, published_value: '2024-03-05' } },
  },

  // File names: stored, and processed/ holds the file under the same name.
  ...[
    'met  spaties\ten een tab .txt',
    `"dubbele" en 'enkele' aanhalingstekens, $(touch gehackt) en \`id\`.txt`,
    "x'); DROP TABLE article; --.txt",
    'Café Ünïcødé 日本語 🗞.txt',
    'regel\neinde.txt',
    'a..b.txt',
    'eindigt op..',
    'schuine\\streep.txt',
  ].map(
    (name): Case => ({
      what: `the file name ${JSON.stringify(name)}`,
      name,
      content: article(`Een artikel in ${JSON.stringify(name)}.`),
      expected: { outcome: 'stored', row: { body: `Een artikel in ${JSON.stringify(name)}.` } },
    }),
  ),
  // A name that begins with "." marks a file still being written (README, "Using it").
  { what: 'the file name "..foo"', name: '..foo', content: article('Een verborgen bestand.'), expected: { outcome: 'waits' } },

  // Entries that are not regular files.
  {
    what: 'a symbolic link to a file outside the inbox',
    name: 'link-to-file.txt',
    make: (file, { outside }) => symlink(path.join(outside, 'secret.txt'), file),
    expected: { outcome: 'left alone', kind: 'symbolic link' },
  },
  {
    what: 'a symbolic link to a folder outside the inbox',
    name: 'link-to-folder',
    make: (file, { outside }) => symlink(path.join(outside, 'articles'), file),
    expected: { outcome: 'left alone', kind: 'symbolic link' },
  },
  { what: 'a FIFO', name: 'pipe.txt', make: async (file) => void execFileSync('mkfifo', [file]), expected: { outcome: 'left alone', kind: 'FIFO' } },
  {
    what: 'a character device',
    name: 'null.txt',
    make: async (file) => void execFileSync('mknod', [file, 'c', '1', '3']),
    expected: { outcome: 'left alone', kind: 'device' },
    needsRoot: true,
  },

  // Files caught while being written.
  {
    what: 'a file still being written, steadily',
    name: 'slow.txt',
    content: SLOW_TEXT,
    make: (file) => writeInPieces(file, SLOW_TEXT.match(/[\s\S]{1,40}/g) ?? [], () => pause(STABLE_MS / 10)),
    expected: { outcome: 'stored', row: { body: textOf(SLOW_TEXT) } },
  },
  {
    what: 'a file whose writer pauses in the date header',
    name: 'paused-in-header.txt',
    content: PAUSED_IN_HEADER,
    make: pausedWriter(PAUSED_IN_HEADER, 4),
    expected: { outcome: 'stored', row: { body: textOf(PAUSED_IN_HEADER) } },
  },
  {
    what: 'a file whose writer pauses in the text',
    name: 'paused-in-text.txt',
    content: PAUSED_IN_TEXT,
    make: pausedWriter(PAUSED_IN_TEXT, 24),
    expected: { outcome: 'stored', row: { body: textOf(PAUSED_IN_TEXT) } },
  },
  {
    what: 'the same file dropped again while its first copy is in progress',
    name: 'again.txt',
    content: AGAIN_TEXT,
    make: async (file, { jobsFor }) => {
      await writeFile(file, AGAIN_TEXT);
      await waitFor('the first copy to be queued', async () => (await jobsFor(file)).queued >= 1);
      // An identical copy renamed over it (a new file), then the same bytes written over that (a new version).
      const copy = path.join(path.dirname(file), '.again.txt.part');
      await writeFile(copy, AGAIN_TEXT);
      await rename(copy, file);
      await waitFor('the second copy to be queued', async () => (await jobsFor(file)).queued >= 2);
      await writeFile(file, AGAIN_TEXT);
    },
    expected: { outcome: 'stored', row: { body: textOf(AGAIN_TEXT) } },
  },
];

const dropped = CASES.filter((entry) => isRoot || !entry.needsRoot);

describe('hostile input dropped into the inbox', () => {
  let pipeline: RunningPipeline;
  let watcher: InboxWatcher;
  let outside: string;
  let tablesBefore: string[];
  let secretModifiedAt: number;

  const tables = () => sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(pipeline.db).then((r) => r.rows.map((row) => row.name));
  const storedUnder = (name: string) => pipeline.db.selectFrom('article').selectAll().where('source_key', '=', `inbox/${name}`).executeTakeFirst();
  const jobsFor = async (file: string) => {
    const jobs = await pipeline.queues.article.getJobs(['waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed']);
    const ofFile = jobs.filter((job) => job?.data?.source?.path === file);
    return { queued: ofFile.length, settled: ofFile.filter((job) => job.finishedOn !== undefined).length };
  };
  const queueIdle = () =>
    waitFor('the article queue to be idle', async () => (await pipeline.queues.article.getJobCountByTypes('waiting', 'prioritized', 'active')) === 0);

  beforeAll(async () => {
    pipeline = await startPipeline({ INBOX_STABLE_MS: String(STABLE_MS), RESCAN_INTERVAL_MS: '1000' });
    outside = path.join(pipeline.dir, 'outside');
    await mkdir(path.join(outside, 'articles'), { recursive: true });
    await writeFile(path.join(outside, 'secret.txt'), article(`${SECRET} sprak in Utrecht.`));
    await writeFile(path.join(outside, 'articles', 'elsewhere.txt'), article('Een artikel buiten de inbox.'));
    secretModifiedAt = statSync(path.join(outside, 'secret.txt')).mtimeMs;
    tablesBefore = await tables();

    watcher = await watchInbox(pipeline, recordingLogger());
    const { dir } = pipeline.config.inbox;
    // All at once, into the running pipeline: the slow writers go on while the rest is taken.
    await Promise.all(
      dropped.map(({ name, content, make }) => {
        const file = path.join(dir, name);
        return make ? make(file, { outside, jobsFor }) : writeFile(file, content ?? '');
      }),
    );
    // The whole table, slow writers included, is dropped here: more than one test's worth of time.
  }, 120_000);
  afterAll(async () => {
    await watcher?.close();
    await pipeline?.close();
  });

  async function expectStored({ name, content }: Case, row: Partial<StoredColumns>) {
    const { inbox } = pipeline.config;
    await leftInbox(inbox, name);
    expect(whereIs(inbox, name)).toEqual(['processed']);
    const bytes = readFileSync(path.join(inbox.processedDir, name));
    if (content !== undefined) expect(bytes).toEqual(Buffer.from(content));
    const stored = await storedUnder(name);
    expect(stored).toMatchObject(row);
    expect(stored?.content_hash).toBe(sha256(bytes));
    // Stored once, under this name only.
    const copies = await pipeline.db.selectFrom('article').select('source_key').where('content_hash', '=', sha256(bytes)).execute();
    expect(copies).toEqual([{ source_key: `inbox/${name}` }]);
  }

  async function expectFailed({ name, content }: Case, reason: RegExp) {
    const { inbox } = pipeline.config;
    await leftInbox(inbox, name);
    expect(whereIs(inbox, name)).toEqual(['failed']);
    // Kept as it was, to be corrected and moved back.
    if (content !== undefined) expect(readFileSync(path.join(inbox.failedDir, name))).toEqual(Buffer.from(content));
    const explanation = readFileSync(path.join(inbox.failedDir, `${name}.error.txt`), 'utf8');
    expect(explanation).toMatch(/^stage: {2}validate$/m);
    expect(explanation.match(/^reason: (.*)$/m)?.[1]).toMatch(reason);
    // Nothing from the file acts on the terminal that shows the explanation.
    expect(explanation).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(await storedUnder(name)).toBeUndefined();
  }

  async function expectLeftAlone({ name }: Case, kind: EntryKind) {
    const { inbox } = pipeline.config;
    const skipped = await waitFor(`status to list ${name}`, async () => {
      const entries = await skippedInStatus(pipeline.env);
      return entries[`inbox/${name}`] !== undefined && entries;
    });
    expect(skipped[`inbox/${name}`]).toMatch(new RegExp(`is a ${kind}, not a regular file; it is left alone$`));
    expect(kindOf(lstatSync(path.join(inbox.dir, name)))).toBe(kind);
    expect(whereIs(inbox, name)).toEqual(['inbox']);
    expect(await storedUnder(name)).toBeUndefined();
  }

  /** A file that waits is not taken by the watcher, nor by a rescan that ran after every entry was dropped. */
  async function expectWaiting({ name }: Case) {
    const { queues } = pipeline;
    const rescansSoFar = await queues.inbox.getCompletedCount();
    await waitFor('a rescan', async () => (await queues.inbox.getCompletedCount()) > rescansSoFar);
    await queueIdle();
    expect(whereIs(pipeline.config.inbox, name)).toEqual(['inbox']);
    expect(await storedUnder(name)).toBeUndefined();
  }

  for (const entry of CASES) {
    const { expected } = entry;
    const test = it.skipIf(entry.needsRoot === true && !isRoot);
    test(`${expected.outcome}: ${entry.what}`, async () => {
      if (expected.outcome === 'stored') await expectStored(entry, expected.row);
      else if (expected.outcome === 'failed') await expectFailed(entry, expected.reason);
      else if (expected.outcome === 'left alone') await expectLeftAlone(entry, expected.kind);
      else await expectWaiting(entry);
    });
  }

  it('ran none of the SQL: every table is still there, and holds only the articles of the table', async () => {
    expect(await tables()).toEqual(tablesBefore);
    const keys = (await pipeline.db.selectFrom('article').select('source_key').execute()).map((row) => row.source_key);
    const storedCases = CASES.filter((entry) => entry.expected.outcome === 'stored');
    for (const key of keys) expect(storedCases.map((entry) => `inbox/${entry.name}`)).toContain(key);
    for (const entry of storedCases) expect(keys).toContain(`inbox/${entry.name}`);
  });

  it('read, followed and changed nothing a link points to, and holds no FIFO open', async () => {
    const secret = path.join(outside, 'secret.txt');
    expect(readFileSync(secret, 'utf8')).toBe(article(`${SECRET} sprak in Utrecht.`));
    expect(statSync(secret).mtimeMs).toBe(secretModifiedAt);
    expect(readdirSync(path.join(outside, 'articles'))).toEqual(['elsewhere.txt']);
    const bodies = await pipeline.db.selectFrom('article').select('body').execute();
    expect(bodies.filter(({ body }) => body.includes(SECRET) || body.includes('buiten de inbox'))).toEqual([]);
    // Opening a FIFO to write, without blocking, fails with ENXIO while no one has it open to read.
    await expect(open(path.join(pipeline.config.inbox.dir, 'pipe.txt'), constants.O_WRONLY | constants.O_NONBLOCK)).rejects.toMatchObject({ code: 'ENXIO' });
  });

  it('moved the 10 GiB file without copying it: it is still sparse', () => {
    expect(statSync(path.join(pipeline.config.inbox.failedDir, 'huge.txt')).blocks * 512).toBeLessThan(1_000_000);
  });

  it('stores a file named "..foo" given to ingest: a name that begins with two dots does not lead out of its folder', async () => {
    const folder = path.join(pipeline.dir, 'ingested');
    await mkdir(folder);
    await writeFile(path.join(folder, '..foo'), article('Een artikel met twee punten voor zijn naam.'));
    const result = await runCli(['ingest', '--wait', path.join(folder, '..foo')], pipeline.env);
    expect(logged(result.stdout, 'stored')).toEqual([expect.objectContaining({ file: expect.stringMatching(/\/\.\.foo$/), outcome: 'inserted' })]);
    expect(result.code).toBe(0);
  });
});
