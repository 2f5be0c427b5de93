import { Worker } from 'bullmq';
import { loadConfig } from '../config.ts';
import { ARTICLE_QUEUE, redisConnection } from '../jobs/queues.ts';

/**
 * A benchmark reference point, run as a child process in place of a worker: the article queue with
 * the same connection and concurrency, but jobs that do nothing. Stops on SIGTERM.
 */
const config = loadConfig();
const worker = new Worker(ARTICLE_QUEUE, async () => ({}), {
  connection: redisConnection(config, 'service'),
  prefix: config.queuePrefix,
  concurrency: config.workerConcurrency,
});
await worker.waitUntilReady();
console.log('ready');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
