import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { serveDashboard } from '../http/dashboard/server.ts';
import { createLogger } from '../log.ts';
import { wholeNumber } from './options.ts';
import { closeOnSignal } from './signals.ts';

export function addDashboardCommand(program: Command, config: () => Config): void {
  program
    .command('dashboard')
    .description('serve Bull Board for the queues, a page of throughput, failed files (with retry), backlog and database counts, and /metrics, until SIGINT/SIGTERM')
    .option('--port <n>', 'the port to listen on (default: DASHBOARD_PORT, 3100; 0: any free port, logged)', wholeNumber(0))
    .action(async (options: { port?: number }) => {
      const log = createLogger('dashboard');
      await prepareDatabase(config().database);
      const settings = { ...config().dashboard, ...(options.port !== undefined && { port: options.port }) };
      const dashboard = await serveDashboard({ ...config(), dashboard: settings }, log);
      closeOnSignal(() => dashboard.close(), config().shutdownTimeoutMs);
    });
}
