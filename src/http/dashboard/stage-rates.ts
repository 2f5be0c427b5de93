import type { Config } from '../../config.ts';
import type { Queues, Stage } from '../../jobs/queues.ts';
import { readStages, type StageTally } from '../../jobs/stage-counts.ts';
import { STAGES } from '../../jobs/queues.ts';

/** How often the stage totals are sampled, and how far back a rate looks. */
const SAMPLE_INTERVAL_MS = 5000;
const WINDOW_MS = 5 * 60_000;

/**
 * Per stage, lately: articles per minute that passed it, and the mean milliseconds each spent in it;
 * null until two samples are some seconds apart (the mean also needs an article that passed).
 */
export type StageRates = Record<Stage, { perMinute: number | null; meanMs: number | null }>;

/**
 * Throughput and time per stage, from the totals every worker adds to in Redis: the dashboard
 * samples them every few seconds and compares the newest sample with the oldest of the last five
 * minutes.
 */
export class StageRateMeter {
  private samples: { at: number; tally: StageTally }[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly queues: Queues;
  private readonly config: Config;

  constructor(queues: Queues, config: Config) {
    this.queues = queues;
    this.config = config;
    this.timer = setInterval(() => void this.sample().catch(() => {}), SAMPLE_INTERVAL_MS);
    // Sampling is a side line: it must not keep a stopping process alive.
    this.timer.unref();
    void this.sample().catch(() => {});
  }

  private async sample(now = Date.now()): Promise<void> {
    const { tally } = await readStages(this.queues, this.config, now);
    this.samples.push({ at: now, tally });
    this.samples = this.samples.filter((sample) => now - sample.at <= WINDOW_MS);
  }

  rates(): StageRates {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    const minutes = first && last ? (last.at - first.at) / 60_000 : 0;
    const rateOf = (stage: Stage) => {
      if (!first || !last || minutes <= 0) return { perMinute: null, meanMs: null };
      const passed = last.tally[stage].passed - first.tally[stage].passed;
      return { perMinute: passed / minutes, meanMs: passed > 0 ? (last.tally[stage].ms - first.tally[stage].ms) / passed : null };
    };
    return Object.fromEntries(STAGES.map((stage) => [stage, rateOf(stage)])) as StageRates;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
