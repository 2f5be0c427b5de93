import { type Kysely, sql } from 'kysely';
import type { EntityType } from '../entities/entity.ts';
import type { StoredName } from '../entities/known-names.ts';
import type { Database } from './database.ts';

/**
 * The names of the entities mentioned at least `minMentions` times, the most mentioned first, at
 * most `limit`: the names the tagger is told the archive already holds. Every mention is counted
 * (from the index on mention (entity_id, article_id) or the table, as the planner finds cheaper):
 * about 2.5 s for 4.3 million mentions, hence KNOWN_NAMES_REFRESH_MS.
 *
 * ```sql
 * select entity.name, entity.type, counted.mentions
 * from (select entity_id, count(*) as mentions from mention group by entity_id
 *       having count(*) >= $1 order by mentions desc, entity_id limit $2) as counted
 * join entity on entity.id = counted.entity_id
 * order by counted.mentions desc, entity.id
 * ```
 */
export async function mostMentionedNames(db: Kysely<Database>, minMentions: number, limit: number): Promise<StoredName[]> {
  const { rows } = await sql<{ name: string; type: EntityType; mentions: string }>`
    select entity.name, entity.type, counted.mentions
    from (
      select entity_id, count(*) as mentions from mention group by entity_id
      having count(*) >= ${minMentions} order by mentions desc, entity_id limit ${limit}
    ) as counted
    join entity on entity.id = counted.entity_id
    order by counted.mentions desc, entity.id
  `.execute(db);
  return rows.map((row) => ({ name: row.name, type: row.type, mentions: Number(row.mentions) }));
}
