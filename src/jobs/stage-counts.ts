import { hostname } from 'node:os';
import type { Config } from '../config.ts';
import { STAGES, type Stage } from './queues.ts';
import type { Queues } from './queues.ts';

/**
 * What the workers report of the stages, since every article's stages are steps of one job: how
 * many articles passed and failed each stage (totals kept in Redis), and, per running worker
 * process, how many articles are in each stage right now (a heartbeat; a worker not heard from
 * for a while is taken as gone).
 */
/** Per stage: articles that passed and failed it, and the milliseconds the passed ones spent in it. */
export type StageTally = Record<Stage, { passed: number; failed: number; ms: number }>;
const TALLIED = ['passed', 'failed', 'ms'] as const;
export interface WorkerHeartbeat {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  seenAt: string;
  /** Articles in each stage now. */
  active: Record<Stage, number>;
}

/** A worker that has not reported for this long is no longer counted as running. */
export const HEARTBEAT_TIMEOUT_MS = 15_000;

const talliesKey = (config: Config) => `${config.queuePrefix}:stage-counts`;
const workersKey = (config: Config) => `${config.queuePrefix}:workers`;

export const emptyTally = (): StageTally => Object.fromEntries(STAGES.map((stage) => [stage, { passed: 0, failed: 0, ms: 0 }])) as StageTally;

/** Adds `more` into `into`, stage by stage. */
export function addTally(into: StageTally, more: StageTally): void {
  for (const stage of STAGES) for (const kind of TALLIED) into[stage][kind] += more[stage][kind];
}

/** Adds a worker's counts since its last report to the totals, and renews its heartbeat. */
export async function reportStages(queues: Queues, config: Config, delta: StageTally, heartbeat: WorkerHeartbeat): Promise<void> {
  const transaction = queues.redis.multi();
  for (const stage of STAGES) {
    for (const kind of TALLIED) {
      if (delta[stage][kind] > 0) transaction.hincrby(talliesKey(config), `${stage}:${kind}`, Math.round(delta[stage][kind]));
    }
  }
  transaction.hset(workersKey(config), heartbeat.id, JSON.stringify(heartbeat));
  await transaction.exec();
}

/** Takes a stopping worker out of the list of running ones. */
export async function removeHeartbeat(queues: Queues, config: Config, id: string): Promise<void> {
  await queues.redis.hdel(workersKey(config), id);
}

export function newHeartbeat(id: string): WorkerHeartbeat {
  return {
    id,
    host: hostname(),
    pid: process.pid,
    startedAt: new Date().toISOString(),
    seenAt: new Date().toISOString(),
    active: Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>,
  };
}

/** The stage totals and the workers heard from recently; those not heard from for long are forgotten. */
export async function readStages(queues: Queues, config: Config, now = Date.now()): Promise<{ tally: StageTally; workers: WorkerHeartbeat[] }> {
  const [tallies, beats] = await Promise.all([queues.redis.hgetall(talliesKey(config)), queues.redis.hgetall(workersKey(config))]);
  const tally = emptyTally();
  for (const [field, value] of Object.entries(tallies)) {
    const [stage, kind] = field.split(':') as [Stage, (typeof TALLIED)[number]];
    if (tally[stage]) tally[stage][kind] = Number(value);
  }
  const workers: WorkerHeartbeat[] = [];
  const gone: string[] = [];
  for (const [id, value] of Object.entries(beats)) {
    const beat = JSON.parse(value) as WorkerHeartbeat;
    if (now - Date.parse(beat.seenAt) <= HEARTBEAT_TIMEOUT_MS) workers.push(beat);
    else if (now - Date.parse(beat.seenAt) > 10 * HEARTBEAT_TIMEOUT_MS) gone.push(id);
  }
  if (gone.length > 0) await queues.redis.hdel(workersKey(config), ...gone);
  return { tally, workers: workers.sort((a, b) => a.id.localeCompare(b.id)) };
}
