import type { DatabaseCounts } from '../db/articles.ts';
import { STAGES } from '../jobs/queues.ts';
import type { SkippedEntry } from '../jobs/skipped.ts';
import type { StageTally, WorkerHeartbeat } from '../jobs/stage-counts.ts';
import type { QueueStatus } from '../jobs/status.ts';
import { printable } from '../log.ts';

export interface StatusReport extends QueueStatus {
  /** Articles that passed and failed each stage, in all; articles in each stage now, over the running workers. */
  stages: StageTally;
  workers: WorkerHeartbeat[];
  database: DatabaseCounts;
  /** Inbox entries left alone because they are not regular files. */
  skipped: { count: number; entries: SkippedEntry[] };
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

/** The status as a person reads it: a table of queues, the database totals, the latest failures. */
export function formatStatus(report: StatusReport): string {
  const states = ['waiting', 'active', 'completed', 'failed', 'delayed'] as const;
  const lines = [`${'queue'.padEnd(10)}${states.map((state) => pad(state, 11)).join('')}`];
  for (const [queue, counts] of Object.entries(report.counts)) {
    lines.push(`${queue.padEnd(10)}${states.map((state) => pad(counts[state], 11)).join('')}`);
  }
  lines.push('', `${'stage'.padEnd(10)}${['active', 'passed', 'failed', 'ms/article'].map((title) => pad(title, 11)).join('')}`);
  for (const stage of STAGES) {
    const active = report.workers.reduce((sum, worker) => sum + (worker.active[stage] ?? 0), 0);
    const { passed, failed, ms } = report.stages[stage];
    // The mean time an article spent in the stage, over every article that passed it.
    const mean = passed > 0 ? (ms / passed).toFixed(1) : '—';
    lines.push(`${stage.padEnd(10)}${[active, passed, failed, mean].map((n) => pad(n, 11)).join('')}`);
  }
  lines.push(
    report.workers.length === 0
      ? 'no worker is running'
      : `workers: ${report.workers.length} running (${report.workers.map((worker) => `${worker.host} pid ${worker.pid}`).join(', ')})`,
  );
  const { articles, entities, mentions } = report.database;
  lines.push('', `database: ${articles} articles, ${entities} entities, ${mentions} mentions`);
  for (const [extractor, count] of Object.entries(report.database.byExtractor)) lines.push(`  ${pad(count, 8)} articles tagged by ${extractor}`);
  if (report.failures.length === 0) {
    lines.push('', 'no failed jobs');
  } else {
    lines.push('', 'recent failures:');
    for (const failure of report.failures) {
      lines.push(`  ${failure.failedAt ?? '?'}  ${failure.stage ?? failure.queue}  ${printable(failure.file ?? `job ${failure.jobId}`)}`);
      lines.push(`    ${printable(failure.reason)}`);
    }
  }
  if (report.skipped.count > 0) {
    lines.push('', `inbox entries left alone (not regular files): ${report.skipped.count}`);
    for (const entry of report.skipped.entries) lines.push(`  ${printable(entry.file)}: ${printable(entry.reason)}`);
    if (report.skipped.count > report.skipped.entries.length) lines.push(`  … and ${report.skipped.count - report.skipped.entries.length} more`);
  }
  return lines.join('\n');
}
