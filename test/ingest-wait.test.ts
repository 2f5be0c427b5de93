import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitOf, runCli, spawnCli } from './support/cli.ts';
import { useTestEnvironment, waitFor } from './support/environment.ts';

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

/** Each file's lines in the output (`<outcome> file=<path>`), and the final summary's counts. */
function report(output: string): { outcomes: Map<string, string[]>; summary: Record<string, number> } {
  const outcomes = new Map<string, string[]>();
  for (const [, outcome, file] of output.matchAll(/\] (\S+) file=(\S+)/g)) {
    outcomes.set(path.basename(file!), [...(outcomes.get(path.basename(file!)) ?? []), outcome!]);
  }
  const summary = output.match(/ingest done (.*)$/m)?.[1] ?? '';
  return { outcomes, summary: Object.fromEntries([...summary.matchAll(/(\S+)=(\d+)/g)].map(([, key, n]) => [key!, Number(n)])) };
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
        expect(ingest.stderr).toMatch(/failed file=\S*\/mixed\/d-bad\.txt stage=validate reason="line 1: found \\"geen kop\\"/);
        // The second time, the stored files' jobs are those of the first run; the failed ones are tried again.
        expect(ingest.stdout).toMatch(run === 'first' ? /stored file=\S*\/mixed\/a-ok\.json outcome=inserted/ : /stored file=\S*\/mixed\/a-ok\.json job=earlier outcome=inserted/);
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
      await waitFor('the no-worker line', async () => /no worker is consuming/.test(ingest.output()));
      const { queuePrefix, redisUrl } = environment.config;
      expect(ingest.output()).toContain(`no worker is consuming the article queue (prefix ${queuePrefix} at ${new URL(redisUrl).host}); start one with \`news-ingest worker\``);
      expect(ingest.output()).not.toMatch(/ingest done/);

      worker = spawnCli(['worker'], environment.env);
      const { code } = await exitOf(ingest);
      const output = ingest.output();
      expect(code, output).toBe(1);
      expect(output.match(/no worker is consuming/g), output).toHaveLength(1);
      const { outcomes, summary } = report(output);
      expect(outcomes, output).toEqual(EXPECTED);
      expect(summary, output).toEqual(tally(outcomes));
    } finally {
      for (const child of [ingest, worker]) child?.kill('SIGTERM');
      await Promise.all([ingest, worker].map((child) => child && exitOf(child)));
    }
  });
});
