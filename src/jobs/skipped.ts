import type { Config } from '../config.ts';
import type { Queues } from './queues.ts';

/**
 * Inbox entries that are not regular files (symbolic links, FIFOs, sockets, devices) are never
 * opened, moved or followed; they are listed here so that `status` can show them to the user.
 * A rescan that looked at the whole inbox replaces the list with what it found, so an entry that
 * is removed drops out.
 */
export interface SkippedEntry {
  /** The entry's key (`inbox/<path inside the inbox>`). */
  file: string;
  reason: string;
  seenAt: string;
}

export type Skipped = Omit<SkippedEntry, 'seenAt'>;

/** At most this many entries are listed, whatever the inbox holds; the rescan counts the others. */
export const SKIPPED_LISTED = 1000;

const keyOf = (config: Config) => `${config.queuePrefix}:skipped-inbox-entries`;
/** How many entries the last rescan that looked at the whole inbox found, listed or not. */
const countKeyOf = (config: Config) => `${keyOf(config)}:count`;

/**
 * Lists skipped entries while the list has room (SKIPPED_LISTED). Returns those that were not
 * listed before, so that each is logged once rather than whenever it is seen again.
 */
export function recordSkipped(queues: Queues, config: Config, entries: readonly Skipped[]): Promise<Skipped[]> {
  return record(queues, config, entries);
}

/**
 * Makes `entries` (the first SKIPPED_LISTED of them) the whole list, of `found` entries in all:
 * what a rescan found that looked at the whole inbox. Returns those that were not listed before.
 */
export function replaceSkipped(queues: Queues, config: Config, entries: readonly Skipped[], found: number): Promise<Skipped[]> {
  return record(queues, config, entries, found);
}

async function record(queues: Queues, config: Config, entries: readonly Skipped[], found?: number): Promise<Skipped[]> {
  const { redis } = queues;
  const key = keyOf(config);
  const known = new Set(await redis.hkeys(key));
  const fresh = entries.filter((entry) => !known.has(entry.file));
  const listed = found === undefined ? fresh.slice(0, Math.max(0, SKIPPED_LISTED - known.size)) : entries.slice(0, SKIPPED_LISTED);
  const seenAt = new Date().toISOString();
  const transaction = redis.multi();
  if (found !== undefined) transaction.del(key).set(countKeyOf(config), found);
  for (const entry of listed) transaction.hset(key, entry.file, JSON.stringify({ reason: entry.reason, seenAt }));
  await transaction.exec();
  return listed.filter((entry) => !known.has(entry.file));
}

/** How many entries are skipped, and the first `limit` of those listed, by name. */
export async function readSkipped(queues: Queues, config: Config, limit: number): Promise<{ count: number; entries: SkippedEntry[] }> {
  const [all, counted] = await Promise.all([queues.redis.hgetall(keyOf(config)), queues.redis.get(countKeyOf(config))]);
  const entries = Object.entries(all)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([file, value]) => ({ file, ...(JSON.parse(value) as Omit<SkippedEntry, 'file'>) }));
  // Entries listed since that rescan (by a watcher) may make the list longer than its count.
  return { count: Math.max(Object.keys(all).length, Number(counted ?? 0)), entries };
}
