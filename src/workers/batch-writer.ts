import type { Kysely } from 'kysely';
import { type ArticleWrite, type StoreResult, storeArticles } from '../db/articles.ts';
import type { Database } from '../db/database.ts';
import { isUnavailable } from '../db/errors.ts';

interface Pending {
  write: ArticleWrite;
  resolve(result: StoreResult): void;
  reject(error: unknown): void;
}

/**
 * Groups the articles of concurrent jobs into batches, one transaction each ("group commit"): an
 * article that arrives while no batch is being written is written at once, alone, so a lone file
 * never waits; those that arrive meanwhile form the next batch. A batch that fails for any reason
 * but Postgres being away is split until the article at fault fails alone and the others are stored.
 */
export class BatchWriter {
  private readonly pending: Pending[] = [];
  private writing = false;
  private readonly db: Kysely<Database>;
  private readonly maxBatch: number;
  private readonly onBatch: (size: number) => void;

  constructor(db: Kysely<Database>, maxBatch: number, onBatch: (size: number) => void = () => {}) {
    this.db = db;
    this.maxBatch = maxBatch;
    this.onBatch = onBatch;
  }

  write(write: ArticleWrite): Promise<StoreResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.pending.length > 0) await this.flush(this.pending.splice(0, this.maxBatch));
    } finally {
      this.writing = false;
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const results = await storeArticles(this.db, batch.map((entry) => entry.write));
      batch.forEach((entry, i) => entry.resolve(results[i]!));
      this.onBatch(batch.length);
    } catch (error) {
      // Postgres away fails every article alike; anything else may be one article's doing: the
      // batch is split until that article fails alone and the others are stored.
      if (batch.length === 1 || isUnavailable(error)) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await this.flush(batch.slice(0, half));
      await this.flush(batch.slice(half));
    }
  }
}
