import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitOf, runCli, spawnCli } from './support/cli.ts';
import { useTestEnvironment, waitFor } from './support/environment.ts';
import { logged, logLines } from './support/logs.ts';

const environment = useTestEnvironment();

/** A folder of two articles that store, two that fail validation and a link that is skipped. */
async function mixedFolder(name: string): Promise<string> {
  const folder = path.join(environment.dir, name);
  await mkdir(folder);
  await writeFile(path.join(folder, 'a-ok.json'), JSON.stringify({ date: '2024-05-02', text: 'Mark Rutte sprak in Den Haag.' }));
  await writeFile(path.join(folder, 'b-ok.txt'), ' date 2024-03 Olaf Scholz bezocht Parijs.');
  await writeFile(path.join(folder, 'c-bad.json'), JSON.stringify({ date: '2024-05-02', body: 'geen text-veld' }));
  await writeFile(path.join(folder, 'd-bad.txt'), 'geen kop');
  await symlink(path.join(folder, 'a-ok.json'), path.join(folder, 'e-link.json'));
  return folder;
}

/** Each file's lines in the output (message: the outcome, field `file`), and the final summary's counts. */
function report(output: string): { outcomes: Map<string, string[]>; summary: Record<string, number> } {
  const outcomes = new Map<string, string[]>();
  for (const { msg, file } of logLines(output)) {
    if (typeof file === 'string') outcomes.set(path.basename(file), [...(outcomes.get(path.basename(file)) ?? []), msg]);
  }
  const summary = Object.entries(logged(output, 'ingest done')[0] ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  return { outcomes, summary: Object.fromEntries(summary) };
}

/** What the summary must say of the files printed: how many had each outcome. */
function tally(outcomes: Map<string, string[]>): Record<string, number> {
  const counts: Record<string, number> = { stored: 0, failed: 0, skipped: 0, gone: 0 };
  for (const lines of outcomes.values()) for (const outcome of lines) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

const EXPECTED = new Map([
  ['a-ok.json', ['stored']],
  ['b-ok.txt', ['stored']],
  ['c-bad.json', ['failed']],
  ['d-bad.txt', ['failed']],
  ['e-link.json', ['skipped']],
]);

describe('ingest --wait', () => {
  it('prints each file once, by its final outcome, and its summary counts exactly those lines; again on a second run', async () => {
    const folder = await mixedFolder('mixed');
    const worker = spawnCli(['worker'], environment.env);
    try {
      for (const run of ['first', 'second']) {
        const ingest = await runCli(['ingest', '--wait', folder], environment.env);
        const output = ingest.stdout + ingest.stderr;
        expect(ingest.code, `${run} run: ${output}`).toBe(1);
        const { outcomes, summary } = report(output);
        expect(outcomes, `${run} run: ${output}`).toEqual(EXPECTED);
        expect(summary, `${run} run: ${output}`).toEqual(tally(outcomes));
        expect(logged(ingest.stderr, 'failed')).toContainEqual(
          expect.objectContaining({ file: expect.stringMatching(/\/mixed\/d-bad\.txt$/), stage: 'validate', reason: expect.stringMatching(/^line 1: found "geen kop"/) }),
        );
        // The second time, the stored files' jobs are those of the first run; the failed ones are tried again.
        const stored = logged(ingest.stdout, 'stored').find(({ file }) => /\/mixed\/a-ok\.json$/.test(String(file)));
        expect(stored).toMatchObject({ outcome: 'inserted' });
        expect(stored?.job).toBe(run === 'first' ? undefined : 'earlier');
      }
    } finally {
      worker.kill('SIGTERM');
      await exitOf(worker);
    }
  });

  it('says when no worker consumes the queue, keeps waiting, and finishes once one is started', async () => {
    const folder = await mixedFolder('unattended');
    const ingest = spawnCli(['ingest', '--wait', folder], environment.env);
    let worker: ReturnType<typeof spawnCli> | undefined;
    try {
      const noWorker = `no worker is consuming the article queue (prefix ${environment.config.queuePrefix} at ${new URL(environment.config.redisUrl).host}); start one with \`news-ingest worker\``;
      await waitFor('the no-worker line', async () => logged(ingest.output(), noWorker).length > 0);
      expect(logged(ingest.output(), 'ingest done')).toEqual([]);

      worker = spawnCli(['worker'], environment.env);
      const { code } = await exitOf(ingest);
      const output = ingest.output();
      expect(code, output).toBe(1);
      expect(logged(output, noWorker), output).toHaveLength(1);
      const { outcomes, summary } = report(output);
      expect(outcomes, output).toEqual(EXPECTED);
      expect(summary, output).toEqual(tally(outcomes));
    } finally {
      for (const child of [ingest, worker]) child?.kill('SIGTERM');
      await Promise.all([ingest, worker].map((child) => child && exitOf(child)));
    }
  });
});
