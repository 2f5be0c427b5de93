import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.ts';
import { processRegistry } from '../jobs/metrics.ts';
import type { Logger } from '../log.ts';
import { openReadiness } from './readiness.ts';

function answer(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(`${JSON.stringify(body)}\n`);
}

/**
 * Serves `GET /healthz` (200 while the process runs), `GET /readyz` (200 when Redis, Postgres and
 * the schema are as the process needs them, 503 naming what is not) and `GET /metrics` (this
 * process's metrics, Prometheus text) if `HEALTH_PORT` is set. Returns what stops serving them.
 */
export async function serveHealth(config: Config, log: Logger): Promise<() => Promise<void>> {
  const { health } = config;
  if (!health) return async () => {};
  const readiness = openReadiness(config);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, { error: 'only GET and HEAD' });
    const { pathname } = new URL(request.url ?? '/', 'http://health');
    if (pathname === '/healthz') return answer(response, 200, { alive: true });
    if (pathname === '/metrics') {
      processRegistry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': processRegistry.contentType, 'cache-control': 'no-store' });
        response.end(text);
      });
      return;
    }
    if (pathname !== '/readyz') return answer(response, 404, { error: 'no such endpoint; there are /healthz, /readyz and /metrics' });
    readiness.check().then((report) => answer(response, report.ready ? 200 : 503, report));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(health.port, health.host, resolve);
    });
  } catch (error) {
    await readiness.close();
    throw new Error(`cannot serve the health endpoints (HEALTH_HOST, HEALTH_PORT): ${(error as Error).message}`, { cause: error });
  }
  const { address, port } = server.address() as AddressInfo;
  log.info('health endpoints listening', { host: address, port });
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    await readiness.close();
  };
}
