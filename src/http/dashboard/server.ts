import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { type Config, ConfigError } from '../../config.ts';
import { createDatabase } from '../../db/connection.ts';
import { retryFailed } from '../../inbox/lifecycle.ts';
import { openQueues } from '../../jobs/queues.ts';
import { type Logger, onceUntilChanged } from '../../log.ts';
import { openReadiness, type Readiness } from '../readiness.ts';
import { BOARD_PATH, bullBoard } from './board.ts';
import { installationMetrics } from './metrics.ts';
import { type OverviewSources, readOverview } from './overview.ts';
import { overviewPage } from './page.ts';
import { StageRateMeter } from './stage-rates.ts';

/** Addresses only this machine reaches: there the dashboard may run without a password. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare) || /^::ffff:127\./.test(bare);
}

/**
 * The dashboard's routes. Everything is behind HTTP Basic auth when a user and password are set;
 * requests that change something come only from the dashboard's own pages (the CSRF check: the
 * browser sends the password to any site's form as well), and none is taken in read-only mode.
 */
function dashboardApp(config: Config, sources: OverviewSources, readiness: Readiness, log: Logger): Hono {
  const { credentials, readOnly } = config.dashboard;
  const metrics = installationMetrics(config, sources.queues, sources.db);
  const app = new Hono();
  if (credentials) app.use('*', basicAuth({ username: credentials.user, password: credentials.password, realm: 'news-ingest dashboard' }));
  app.use('*', async (c, next) => {
    if (readOnly && c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.text('the dashboard is read-only (DASHBOARD_READ_ONLY=true)\n', 403);
    await next();
  });
  app.use('*', csrf());

  app.get('/healthz', (c) => c.json({ alive: true }));
  app.get('/readyz', async (c) => {
    const report = await readiness.check();
    return c.json(report, report.ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => c.body(await metrics.metrics(), 200, { 'content-type': metrics.contentType }));

  // The page runs no script at all: a value that escaped its escaping still could not run.
  app.get('/', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], formAction: ["'self'"] } }), async (c) => {
    const file = c.req.query('retried');
    const notice = file === undefined ? undefined : { file, outcome: c.req.query('outcome') ?? '' };
    return c.html(overviewPage(await readOverview(sources), { readOnly, notice }));
  });
  app.post('/failed/retry', async (c) => {
    const file = (await c.req.parseBody()).file;
    if (typeof file !== 'string' || file === '') return c.text('name the file in failed/ to retry (form field "file")\n', 400);
    const outcome = await retryFailed(config.inbox, file);
    log.info('retry from the dashboard', { file, outcome });
    // Relative, so that it leads back to the page also behind a proxy that serves the dashboard under a path.
    return c.redirect(`../?${new URLSearchParams({ retried: file, outcome })}`, 303);
  });
  app.route(BOARD_PATH, bullBoard(sources.queues, readOnly));
  app.onError((error, c) => {
    // A refusal (401, 403) is an answer, not a failure.
    if (error instanceof HTTPException) return error.getResponse();
    log.error('dashboard request failed', { path: c.req.path, error: error.message });
    return c.text(`the dashboard could not answer: ${error.message}\n`, 503);
  });
  return app;
}

export interface RunningDashboard {
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the dashboard at DASHBOARD_HOST and `port`. It refuses an address other machines reach
 * unless DASHBOARD_USER and DASHBOARD_PASSWORD are set: it shows file names and lets files be
 * moved.
 */
export async function serveDashboard(config: Config, log: Logger): Promise<RunningDashboard> {
  const { host, port, credentials } = config.dashboard;
  if (!isLoopback(host) && !credentials) {
    throw new ConfigError(
      `the dashboard does not serve ${host} (DASHBOARD_HOST), which other machines may reach, without a password: set DASHBOARD_USER and DASHBOARD_PASSWORD, or DASHBOARD_HOST=127.0.0.1`,
    );
  }
  const queues = openQueues(config, 'service', onceUntilChanged((error) => log.error('redis error', { error: error.message })));
  const db = createDatabase(config.database, { max: 4, onIdleError: (error) => log.warn('database connection lost; it will be replaced', { error: error.message }) });
  const readiness = openReadiness(config);
  const rates = new StageRateMeter(queues, config);
  const release = async () => {
    rates.stop();
    await Promise.all([queues.close(), db.destroy(), readiness.close()]);
  };
  const server = createAdaptorServer({ fetch: dashboardApp(config, { config, queues, db, rates }, readiness, log).fetch });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
  } catch (error) {
    await release();
    throw new Error(`cannot serve the dashboard at ${host}:${port} (DASHBOARD_HOST, DASHBOARD_PORT or --port): ${(error as Error).message}`, { cause: error });
  }
  const address = server.address() as AddressInfo;
  log.info('dashboard listening', { url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/`, port: address.port, readOnly: config.dashboard.readOnly, auth: credentials !== undefined });
  return {
    host: address.address,
    port: address.port,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await release();
    },
  };
}
