import type { Command } from 'commander';
import type { BenchResult } from '../bench/run.ts';
import type { Config } from '../config.ts';
import { wholeNumber } from './options.ts';
import { startProgress } from './progress.ts';

/** The figures as a person reads them; the JSON line after them is for scripts. */
function formatResult(result: BenchResult): string {
  const rows: [string, string][] = [
    ['articles', `${result.articles} (${result.failed} failed), ${result.workers} worker process(es)`],
    ['end to end', `${result.articles_per_s} articles/s in ${result.seconds} s`],
    ['queue alone (no-op jobs)', `${result.noop_jobs_per_s} jobs/s: the pipeline makes ${Math.round(result.of_noop * 100)} % of it`],
    ['stages alone (one process per core)', `${result.stages_only_articles_per_s} articles/s: the pipeline makes ${Math.round(result.of_stages_only * 100)} % of it`],
    ['latency, enqueue to commit', `p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms, p99 ${result.p99_ms} ms (the backlog queued at once)`],
    ['latency under a trickle', `p95 ${result.trickle_p95_ms} ms`],
    ['cost per article, first / last tenth', `${result.first_tenth_ms_per_article} / ${result.last_tenth_ms_per_article} ms`],
    ['peak RSS', Object.entries(result.peak_rss_mb_by_process).map(([name, mb]) => `${name} ${mb} MB`).join(', ')],
    ['Redis memory at the peak', `${result.redis_peak_mb} MB above where it started`],
    ['Postgres', `${result.postgres_mb} MB; ${Object.entries(result.postgres_rows).map(([table, rows]) => `${table} ${rows}`).join(', ')}`],
    ['entity stage alone', `${result.entity_tokens_per_s} tokens/s on one core`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

export function addBenchCommand(program: Command, config: () => Config): void {
  program
    .command('bench')
    .description('generate articles into a fresh inbox and measure the whole pipeline on them, beside the queue alone and the stages alone')
    .option('--articles <n>', 'how many articles', wholeNumber(1), 20_000)
    .option('--workers <n>', 'worker processes', wholeNumber(1), 2)
    .option('--seed <n>', 'the generator seed: the same seed, the same articles', wholeNumber(0), 1)
    .action(async (options: { articles: number; workers: number; seed: number }) => {
      // Loaded on use: the generator's name lists are large, and no other command needs them.
      const { runBenchmark } = await import('../bench/run.ts');
      const result = await runBenchmark(config(), {
        ...options,
        progress: (line) => process.stderr.write(`${line}\n`),
        track: (label, total) => startProgress(label, { unit: 'articles', total }),
      });
      console.log(formatResult(result));
      console.log(JSON.stringify(result));
    });
}
