import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { createDatabase } from '../db/connection.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { defaultExtractorFor } from '../entities/index.ts';
import { openQueues } from '../jobs/queues.ts';
import { enqueueReprocessing } from '../jobs/reprocess.ts';
import { createLogger } from '../log.ts';
import { startProgress } from './progress.ts';

const log = createLogger('news-ingest');

export function addReprocessCommand(program: Command, config: () => Config): void {
  program
    .command('reprocess')
    .description('send stored articles through the dates, entities and upsert stages again: those from an older extractor or model, or lacking newer data')
    .option('--all', 'every stored article, whatever extracted its entities')
    .action(async (options: { all?: boolean }) => {
      await prepareDatabase(config().database);
      const current = defaultExtractorFor(config().nerModel).version;
      const queues = openQueues(config(), 'command');
      const db = createDatabase(config().database, { max: 1 });
      // The articles are found page by page: how many there are is known only at the end.
      const progress = startProgress('reprocess', { unit: 'articles' });
      try {
        const count = await enqueueReprocessing(queues, db, current, options.all ?? false, (enqueued) => progress.update(enqueued));
        progress.finish();
        log.info('reprocess enqueued', { articles: count, extractor: current, ...(count > 0 && { note: 'running workers replace their mentions' }) });
      } finally {
        await Promise.all([queues.close(), db.destroy()]);
      }
    });
}
