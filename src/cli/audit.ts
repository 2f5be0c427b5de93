import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { type AuditReport, audit } from '../jobs/audit.ts';
import { printable } from '../log.ts';
import { withConnections } from './connections.ts';

/** The audit as a person reads it: the counts, then every file unaccounted for. */
export function formatAudit(report: AuditReport): string {
  const rows: [string, number, string][] = [
    ['taken', report.taken, 'file versions taken from the inbox or given to `ingest`'],
    ['stored', report.settled.stored, 'an article in Postgres holds their content'],
    ['failed', report.settled.failed, 'refused, with their reason (in failed/ for inbox files; `status`)'],
    ['superseded', report.settled.superseded, 'changed before they were read, or a newer version was stored'],
    ['gone', report.settled.gone, 'removed before they were read'],
    ['in a queue', report.underWay['in a queue'], 'their job waits or runs'],
    ['failed jobs', report.underWay['failed in its job'], 'failed without their worker (`status` lists them)'],
    ['in the inbox', report.underWay['in the inbox'], 'their job was lost; the rescan takes them again'],
    ['unaccounted', report.unaccounted.length, report.unaccounted.length === 0 ? 'none: everything taken is accounted for' : 'listed below'],
  ];
  const lines = rows.map(([label, count, meaning]) => `${label.padEnd(13)}${String(count).padStart(9)}  ${meaning}`);
  for (const entry of report.unaccounted) lines.push(`unaccounted: ${printable(entry.file)} (taken ${entry.takenAt}, job ${entry.jobId}): ${printable(entry.why)}`);
  return lines.join('\n');
}

export function addAuditCommand(program: Command, config: () => Config): void {
  program
    .command('audit')
    .description('check that every file ever taken is stored, failed with its reason, or still under way; exit 1 if any is unaccounted for')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }) => {
      await prepareDatabase(config().database);
      const report = await withConnections(config(), ({ queues, db }) => audit(db, queues));
      console.log(options.json ? JSON.stringify(report, null, 2) : formatAudit(report));
      if (report.unaccounted.length > 0) process.exitCode = 1;
    });
}
