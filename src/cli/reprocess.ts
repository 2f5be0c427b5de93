import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { defaultExtractorFor } from '../entities/index.ts';
import { enqueueReprocessing } from '../jobs/reprocess.ts';
import { createLogger } from '../log.ts';
import { withConnections } from './connections.ts';
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
      // The articles are found page by page: how many there are is known only at the end.
      const progress = startProgress('reprocess', { unit: 'articles' });
      const count = await withConnections(config(), ({ queues, db }) =>
        enqueueReprocessing(queues, db, current, options.all ?? false, (enqueued) => progress.update(enqueued)),
      );
      progress.finish();
      log.info('reprocess enqueued', { articles: count, extractor: current, ...(count > 0 && { note: 'running workers replace their mentions' }) });
    });
}
