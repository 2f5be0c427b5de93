import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { createLogger } from '../log.ts';

const log = createLogger('news-ingest');

export function addMigrateCommand(program: Command, config: () => Config): void {
  program
    .command('migrate')
    .description('create the database if needed and apply the schema migrations')
    .action(async () => {
      const applied = await prepareDatabase(config().database);
      log.info(applied.length > 0 ? `applied ${applied.join(', ')}` : 'schema is up to date');
    });
}
