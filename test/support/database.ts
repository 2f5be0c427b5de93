import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createDatabase, type DatabaseSettings } from '../../src/db/connection.ts';
import type { Database } from '../../src/db/database.ts';
import { useTestEnvironment } from './environment.ts';

/**
 * A database of the calling test file's own, with the schema, for the file's tests; dropped after
 * them. With `emptyBeforeEach`, every test starts without articles and entities.
 */
export function useTestDatabase(options: { emptyBeforeEach?: boolean; connections?: number } = {}): { readonly db: Kysely<Database>; readonly settings: DatabaseSettings } {
  const environment = useTestEnvironment();
  let db: Kysely<Database> | undefined;
  // After the environment's own hooks: made once it exists, destroyed before it goes.
  beforeAll(() => {
    db = createDatabase(environment.config.database, { max: options.connections ?? 4 });
  });
  afterAll(async () => {
    await db?.destroy();
  });
  if (options.emptyBeforeEach) {
    beforeEach(async () => {
      await db!.deleteFrom('article').execute();
      await db!.deleteFrom('entity').execute();
    });
  }
  return {
    get db() {
      if (!db) throw new Error('the test database is made before the tests run');
      return db;
    },
    get settings() {
      return environment.config.database;
    },
  };
}
