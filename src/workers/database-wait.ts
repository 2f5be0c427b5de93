import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { isUnavailable } from '../db/errors.ts';
import type { Logger } from '../log.ts';

/** The worker is stopping while its article waits for Postgres: the job goes back to the queue untried. */
export class Postponed extends Error {}

/** Pings start at half a second apart and slow down to this. */
const MAX_PING_INTERVAL_MS = 5000;

/**
 * What the articles do while Postgres is out of reach (down, restarting, silent, refusing
 * connections): they wait, and no try of theirs is used up, so that an outage of any length fails
 * nothing. One ping at a time finds out when Postgres answers again; the outage is logged once when
 * it begins and once when it ends.
 */
export class DatabaseWait {
  private outage: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  private readonly db: Kysely<Database>;
  private readonly log: Logger;

  constructor(db: Kysely<Database>, log: Logger) {
    this.db = db;
    this.log = log;
  }

  /**
   * Runs `step`, and runs it again once Postgres is back, for as long as it fails because Postgres
   * is away; a worker that is stopping waits no longer ({@link Postponed}).
   */
  async run<T>(step: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await step();
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        if (this.stopping.signal.aborted) throw new Postponed('the worker is stopping');
        this.outage ??= this.waitForAnswer(error as Error).finally(() => (this.outage = undefined));
        await this.outage;
      }
    }
  }

  /** Lets every waiting article go (as {@link Postponed}): the worker is stopping. */
  close(): void {
    this.stopping.abort();
  }

  private async waitForAnswer(cause: Error): Promise<void> {
    const since = Date.now();
    this.log.error('Postgres cannot be reached, or does not answer in time; articles wait until it does, using up none of their tries', { error: cause.message });
    for (let interval = 500; ; interval = Math.min(interval * 2, MAX_PING_INTERVAL_MS)) {
      try {
        await sleep(interval, undefined, { signal: this.stopping.signal });
      } catch {
        throw new Postponed('the worker is stopping');
      }
      if (await this.answers()) break;
    }
    this.log.info('Postgres answers again; the waiting articles go on', { waited_s: Math.round((Date.now() - since) / 1000) });
  }

  private async answers(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }
}
