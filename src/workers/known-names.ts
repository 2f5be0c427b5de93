import { performance } from 'node:perf_hooks';
import type { StoredName } from '../entities/known-names.ts';
import type { Logger } from '../log.ts';

/**
 * What a task tells its thread of the known names: the generation of the worker's list, and the
 * list itself only when the thread asked for it. Generation 0 is no names.
 */
export interface KnownNamesTask {
  generation: number;
  names?: readonly StoredName[];
}

/** A thread's answer to a task whose generation of known names is newer than the thread's. */
export interface KnownNamesWanted {
  knownNamesWanted: number;
}

const isWanted = (result: object): result is KnownNamesWanted => 'knownNamesWanted' in result;

const sameNames = (a: readonly StoredName[], b: readonly StoredName[]) =>
  a.length === b.length && a.every((name, i) => name.name === b[i]!.name && name.type === b[i]!.type && name.mentions === b[i]!.mentions);

/**
 * The names the archive holds, as the worker's tagger threads are told them: read from the
 * database when a task starts and the list is older than `refreshMs`, numbered by generation.
 * A task carries only the generation; a thread whose list is older asks, and the task goes again
 * with the list. So the list crosses to each thread once per generation, and a failed read keeps
 * the list the threads have.
 */
export class KnownNamesFeed {
  private list: { generation: number; names: readonly StoredName[] } = { generation: 0, names: [] };
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | undefined;
  private readonly read: (() => Promise<StoredName[]>) | undefined;
  private readonly refreshMs: number;
  private readonly log: Logger;

  /** Without `read` (the feature is off), every task carries generation 0. */
  constructor(read: (() => Promise<StoredName[]>) | undefined, refreshMs: number, log: Logger) {
    this.read = read;
    this.refreshMs = refreshMs;
    this.log = log;
  }

  /** The list, read again first if it is older than `refreshMs`; tasks starting meanwhile wait for the same read. */
  private async current(): Promise<{ generation: number; names: readonly StoredName[] }> {
    const { read } = this;
    if (read && performance.now() - this.readAt >= this.refreshMs) {
      this.reading ??= this.refresh(read).finally(() => (this.reading = undefined));
      await this.reading;
    }
    return this.list;
  }

  private async refresh(read: () => Promise<StoredName[]>): Promise<void> {
    try {
      const names = await read();
      if (!sameNames(names, this.list.names)) {
        this.list = { generation: this.list.generation + 1, names };
        this.log.info('known names read', { names: names.length, generation: this.list.generation });
      }
    } catch (error) {
      this.log.warn('could not read the known names; the tagger keeps those it has', { error: error instanceof Error ? error.message : String(error) });
    }
    this.readAt = performance.now();
  }

  /** Runs a task on a thread with the current generation, and again with the list if the thread asks for it. */
  async run<I extends object, O extends object>(run: (input: I & { knownNames: KnownNamesTask }) => Promise<O | KnownNamesWanted>, input: I): Promise<O> {
    const list = await this.current();
    const result = await run({ ...input, knownNames: { generation: list.generation } });
    if (!isWanted(result)) return result;
    const again = await run({ ...input, knownNames: list });
    if (isWanted(again)) throw new Error(`a thread asked again for known names of generation ${again.knownNamesWanted}`);
    return again;
  }
}
