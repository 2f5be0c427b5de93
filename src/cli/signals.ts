import { createLogger } from '../log.ts';

const log = createLogger('news-ingest');

/**
 * Keeps a service running until SIGINT or SIGTERM, then closes it. A second signal, or
 * `SHUTDOWN_TIMEOUT_MS` without the active jobs finishing, ends it without waiting: the jobs it held
 * are taken up again by another worker once their locks lapse (BullMQ's stalled-job check).
 */
export function closeOnSignal(close: () => Promise<void>, timeoutMs: number): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals | 'parent gone') => {
    if (closing) {
      log.warn('second signal: exiting without waiting', { signal });
      process.exit(130);
    }
    closing = true;
    log.info('shutting down: finishing active jobs', { signal, timeoutMs });
    setTimeout(() => {
      log.warn('shutdown timed out: exiting with jobs unfinished; another worker takes them up', { timeoutMs });
      process.exit(1);
    }, timeoutMs).unref();
    close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: Error) => {
        log.error('shutdown failed', { error: error.message });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Under an npm script, npm passes the signals on; should npm itself be killed outright, stop as if
  // signalled rather than run on, orphaned. Elsewhere a new parent is no reason to stop.
  if (process.env.npm_lifecycle_event !== undefined) {
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && !closing && onSignal('parent gone'), 1000).unref();
  }
}
