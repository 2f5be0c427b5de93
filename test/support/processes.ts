import { mkdir } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { onTestFailed } from 'vitest';
import { createDatabase } from '../../src/db/connection.ts';
import type { Database } from '../../src/db/database.ts';
import { openQueues, type Queues } from '../../src/jobs/queues.ts';
import { exitOf, spawnCli } from './cli.ts';
import { createTestEnvironment, type TestEnvironment } from './environment.ts';

export type Service = ReturnType<typeof spawnCli>;

/** How long a stopped service may take to finish its active jobs before it is killed. */
const GRACE_MS = 30_000;

/**
 * The long-running commands (`worker`, `watch`) of one test as real processes. Every one started is
 * remembered, so that the test can read what all of them printed (those it killed too) and end
 * whatever still runs, even after a failed assertion.
 */
export class Services {
  private readonly started: { name: string; service: Service }[] = [];

  private readonly env: NodeJS.ProcessEnv;

  constructor(env: NodeJS.ProcessEnv) {
    this.env = env;
  }

  start(command: 'worker' | 'watch', cwd?: string): Service {
    const service = spawnCli([command], this.env, cwd);
    this.started.push({ name: `${command} #${this.started.length + 1} (pid ${service.pid})`, service });
    return service;
  }

  /** Sends `signal` and waits until the process is gone. */
  async stop(service: Service, signal: NodeJS.Signals = 'SIGTERM') {
    const exited = exitOf(service);
    service.kill(signal);
    if (signal !== 'SIGKILL') {
      const timer = setTimeout(() => service.kill('SIGKILL'), GRACE_MS);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return exited;
  }

  /** Stops every process still running (SIGTERM: active jobs finish first). */
  async stopAll(): Promise<void> {
    await Promise.all(this.started.map(({ service }) => (service.exitCode === null && service.signalCode === null ? this.stop(service) : undefined)));
  }

  /** What every process printed, each under its name: for assertions on the logs, and for failure messages. */
  output(): string {
    return this.started.map(({ name, service }) => `--- ${name}\n${service.output()}`).join('\n');
  }
}

/**
 * A test environment (database, queue prefix, inbox) whose pipeline runs as processes the test
 * starts and stops through `services`, with the connections the test itself checks the outcome by.
 * The test's queues connection, like the services', waits through a Redis outage rather than give up.
 * Made inside a test: should the test fail, what every process printed is shown with the failure.
 */
export interface ProcessPipeline extends TestEnvironment {
  db: Kysely<Database>;
  queues: Queues;
  services: Services;
  /** Ends every process still running, then removes the environment. */
  close(): Promise<void>;
}

export async function startProcessPipeline(overrides: NodeJS.ProcessEnv = {}): Promise<ProcessPipeline> {
  const environment = await createTestEnvironment(overrides);
  await mkdir(environment.config.inbox.dir, { recursive: true });
  const db = createDatabase(environment.config.database, { max: 2 });
  const queues = openQueues(environment.config, 'service');
  const services = new Services(environment.env);
  onTestFailed(() => console.error(services.output()));
  return {
    ...environment,
    db,
    queues,
    services,
    async close() {
      await services.stopAll();
      await queues.close();
      await db.destroy();
      await environment.cleanup();
    },
  };
}
