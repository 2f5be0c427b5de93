import type { Config } from '../config.ts';
import type { Queues } from './queues.ts';

/**
 * Inbox entries that are not regular files (symbolic links, FIFOs, sockets, devices) are never
 * opened, moved or followed; they are listed here so that `status` can show them to the user.
 * The rescan replaces the list with what it found, so an entry that is removed drops out.
 */
export interface SkippedEntry {
  /** The entry's key (`inbox/<path>`). */
  file: string;
  reason: string;
  seenAt: string;
}

const keyOf = (config: Config) => `${config.queuePrefix}:skipped-inbox-entries`;

/**
 * Records skipped entries; with `replace`, they become the whole list. Returns those that were
 * not listed before, so that each is logged once rather than at every rescan.
 */
export async function recordSkipped(
  queues: Queues,
  config: Config,
  entries: readonly Omit<SkippedEntry, 'seenAt'>[],
  replace = false,
): Promise<Omit<SkippedEntry, 'seenAt'>[]> {
  const { redis } = queues;
  const key = keyOf(config);
  const known = new Set(await redis.hkeys(key));
  const seenAt = new Date().toISOString();
  const transaction = redis.multi();
  if (replace) transaction.del(key);
  for (const entry of entries) transaction.hset(key, entry.file, JSON.stringify({ reason: entry.reason, seenAt }));
  await transaction.exec();
  return entries.filter((entry) => !known.has(entry.file));
}

/** How many entries are skipped, and the first `limit` of them by name. */
export async function readSkipped(queues: Queues, config: Config, limit: number): Promise<{ count: number; entries: SkippedEntry[] }> {
  const all = await queues.redis.hgetall(keyOf(config));
  const entries = Object.entries(all)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([file, value]) => ({ file, ...(JSON.parse(value) as Omit<SkippedEntry, 'file'>) }));
  return { count: Object.keys(all).length, entries };
}
