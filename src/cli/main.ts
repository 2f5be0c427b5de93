import { Command } from 'commander';
import { CONNECTION_CLOSED_ERROR_MSG } from 'ioredis/built/utils/index.js';
import { type Config, ConfigError, hostOf, loadConfig } from '../config.ts';
import { setLogLevel } from '../log.ts';
import { addAuditCommand } from './audit.ts';
import { addBenchCommand } from './bench.ts';
import { addDashboardCommand } from './dashboard.ts';
import { addDatesCommand } from './dates.ts';
import { addIngestCommand } from './ingest.ts';
import { addMigrateCommand } from './migrate.ts';
import { addNerCommands } from './ner.ts';
import { addQueryCommands } from './queries.ts';
import { addReprocessCommand } from './reprocess.ts';
import { addServiceCommands } from './services.ts';
import { addStatusCommand } from './status.ts';

export function buildProgram(config: () => Config): Command {
  const program = new Command('news-ingest')
    .description('Ingests Dutch news articles through BullMQ workers into Postgres.')
    .showHelpAfterError();
  addMigrateCommand(program, config);
  addIngestCommand(program, config);
  addAuditCommand(program, config);
  addQueryCommands(program, config);
  addServiceCommands(program, config);
  addStatusCommand(program, config);
  addReprocessCommand(program, config);
  addDashboardCommand(program, config);
  addBenchCommand(program, config);
  addDatesCommand(program, config);
  addNerCommands(program, config);
  return program;
}

/**
 * Reads the configuration once, on first use, so that `--help` works with a broken environment;
 * the log level it names holds from then on.
 */
function lazyConfig(): () => Config {
  let config: Config | undefined;
  return () => {
    if (!config) {
      config = loadConfig();
      setLogLevel(config.logLevel);
    }
    return config;
  };
}

/** Names the setting behind a refused connection, which is what the user has to check. */
function describeError(error: unknown): string {
  const { code, address, port, message } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  // How ioredis fails the commands it was given once it stops trying to connect.
  if (message === CONNECTION_CLOSED_ERROR_MSG) return `cannot reach Redis at ${hostOf(loadConfig().redisUrl)}; is the server REDIS_URL names running?`;
  if (code !== 'ECONNREFUSED' && code !== 'ENOTFOUND') return error instanceof Error ? message : String(error);
  const variable = port !== undefined && Number(new URL(loadConfig().redisUrl).port || 6379) === port ? 'REDIS_URL' : 'DATABASE_URL';
  return `cannot connect to ${address ?? 'the server'}${port ? `:${port}` : ''} (${code}); is the server ${variable} names running?`;
}

export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`ner --conll | head`) is no error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  try {
    await buildProgram(lazyConfig()).parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`news-ingest: ${error.message}`);
      process.exit(2);
    }
    console.error(`news-ingest: ${describeError(error)}`);
    process.exit(1);
  }
}
