import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { QUEUE_NAMES, type Queues } from '../../jobs/queues.ts';

/** Where Bull Board is served. */
export const BOARD_PATH = '/queues';

/**
 * Bull Board for the queues: their jobs with data, progress, attempts and failed reasons, and the
 * inbox queue's scheduler. Read-only, it offers no retry, promote, clean or remove.
 */
export function bullBoard(queues: Queues, readOnly: boolean) {
  const adapter = new HonoAdapter(serveStatic).setBasePath(BOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues[name], { readOnlyMode: readOnly, allowRetries: !readOnly })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'news-ingest', miscLinks: [{ text: 'Overview', url: '/' }] } },
  });
  return adapter.registerPlugin();
}
