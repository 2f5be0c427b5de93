import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { createDatabase } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import { openQueues, type Queues } from '../jobs/queues.ts';

/** What a one-shot command works with: the queues (failing fast when Redis is away) and one database connection. */
export interface Connections {
  queues: Queues;
  db: Kysely<Database>;
}

/** Runs `use` with a command's connections, and closes them when it ends, however it ends. */
export async function withConnections<T>(config: Config, use: (connections: Connections) => Promise<T>): Promise<T> {
  const queues = openQueues(config, 'command');
  const db = createDatabase(config.database, { max: 1 });
  try {
    return await use({ queues, db });
  } finally {
    await Promise.all([queues.close(), db.destroy()]);
  }
}
