import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { StoreOutcome } from '../db/articles.ts';
import { articleFailures, articlesStored, type FailureCause, mentionsStored, stageDuration } from '../jobs/metrics.ts';
import type { Queues, Stage } from '../jobs/queues.ts';
import { addTally, emptyTally, newHeartbeat, removeHeartbeat, reportStages } from '../jobs/stage-counts.ts';
import type { Logger } from '../log.ts';

/** How often a worker reports its stage counts and heartbeat. */
const REPORT_INTERVAL_MS = 2000;

/**
 * Counts, in memory, what this process's articles do in each stage, and reports it every few
 * seconds in one round trip (not one per article). The same events feed this process's metrics.
 */
export class StageCounters {
  private delta = emptyTally();
  private readonly heartbeat = newHeartbeat(`${process.pid}-${randomBytes(3).toString('hex')}`);
  private readonly timer: NodeJS.Timeout;
  private readonly queues: Queues;
  private readonly config: Config;
  private readonly log: Logger;

  constructor(queues: Queues, config: Config, log: Logger) {
    this.queues = queues;
    this.config = config;
    this.log = log;
    this.timer = setInterval(() => void this.report(), REPORT_INTERVAL_MS);
    void this.report();
  }

  /** How many of this process's articles are in `stage` now goes up (an article enters) or down (it leaves). */
  active(stage: Stage, change: 1 | -1): void {
    this.heartbeat.active[stage] += change;
  }

  /** An article passed `stage`, taking `seconds` (unknown for a stage whose time was not taken). */
  passed(stage: Stage, seconds: number | undefined): void {
    this.delta[stage].passed += 1;
    if (seconds === undefined) return;
    this.delta[stage].ms += seconds * 1000;
    stageDuration.labels(stage).observe(seconds);
  }

  /** An article failed `stage` for good. */
  failed(stage: Stage, cause: FailureCause): void {
    this.delta[stage].failed += 1;
    articleFailures.labels(stage, cause).inc();
  }

  /** The upsert stage finished an article with `outcome`; its mentions were written unless it was already stored. */
  stored(outcome: StoreOutcome, mentions: number): void {
    articlesStored.labels(outcome).inc();
    if (outcome === 'inserted' || outcome === 'updated' || outcome === 'reprocessed') mentionsStored.inc(mentions);
  }

  private async report(): Promise<void> {
    const delta = this.delta;
    this.delta = emptyTally();
    this.heartbeat.seenAt = new Date().toISOString();
    try {
      await reportStages(this.queues, this.config, delta, this.heartbeat);
    } catch {
      // Redis is away: keep the counts for the next report (its outage is logged elsewhere).
      addTally(this.delta, delta);
    }
  }

  /** Reports what is left and leaves the list of running workers. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.report();
    await removeHeartbeat(this.queues, this.config, this.heartbeat.id).catch((error: Error) => this.log.warn('could not remove the heartbeat', { error: error.message }));
  }
}
