import { type RawBuilder, sql, type Transaction } from 'kysely';
import { type EntityType, type Mention, normalizeName } from '../entities/entity.ts';
import type { Database } from './database.ts';
import { insertRows, type TypedColumn, unnestRows, writeTogether } from './unnest.ts';

type Trx = Transaction<Database>;

interface EntityKey {
  type: EntityType;
  name: string;
  normalized_name: string;
  country_code: string | null;
  country_name: string | null;
}

const keyOf = (type: string, normalized: string) => `${type}\u0000${normalized}`;
const mentionKey = (mention: Mention) => keyOf(mention.type, normalizeName(mention.name));

/** One row per distinct entity, in a fixed order. */
function distinctEntities(mentions: readonly Mention[]): EntityKey[] {
  const byKey = new Map<string, EntityKey>();
  for (const mention of mentions) {
    const key = mentionKey(mention);
    if (byKey.has(key)) continue;
    byKey.set(key, {
      type: mention.type,
      name: mention.name,
      normalized_name: normalizeName(mention.name),
      country_code: mention.country?.code ?? null,
      country_name: mention.country?.name ?? null,
    });
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entity]) => entity);
}

/** `von der leyen` → `leyen`, `der leyen`: the shorter names a person may also be called by. */
function shorterForms(normalized: string): string[] {
  const words = normalized.split(' ');
  return words.slice(1).map((_, i) => words.slice(i + 1).join(' '));
}

const reversed = (text: string) => [...text].reverse().join('');

/**
 * Stored people whose full name ends with each short name: `blinken` → the id of `Antony Blinken`.
 * Names ending in ` blinken` are, reversed, those from `nekinlb ` up to (not including)
 * `nekinlb!`: a range an index on reverse(name) serves for each short name in turn. Linking only
 * asks whether there is exactly one, so at most two are read: a common surname shared by thousands
 * of stored people costs what a rare one does.
 *
 * ```sql
 * select s.short, e.id from unnest($1, $2, $3) as s(short, low, high)
 * cross join lateral (select id from entity where type = 'PER'
 *   and reverse(normalized_name) ~>=~ s.low and reverse(normalized_name) ~<~ s.high limit 2) e
 * ```
 */
async function fullNamesOf(trx: Trx, shortNames: readonly string[]): Promise<Map<string, number[]>> {
  const found = new Map<string, number[]>();
  if (shortNames.length === 0) return found;
  const low = shortNames.map((short) => reversed(` ${short}`));
  // The space that ends every `low` is followed by "!" in any collation-free (byte) order.
  const high = low.map((bound) => `${bound.slice(0, -1)}!`);
  const { rows } = await sql<{ short: string; id: number }>`
    select s.short, e.id
    from unnest(${shortNames}::text[], ${low}::text[], ${high}::text[]) as s(short, low, high)
    cross join lateral (
      select id from entity
      where type = 'PER' and reverse(normalized_name) ~>=~ s.low and reverse(normalized_name) ~<~ s.high
      limit 2
    ) as e
  `.execute(trx);
  for (const row of rows) found.set(row.short, [...(found.get(row.short) ?? []), Number(row.id)]);
  return found;
}

const ENTITY_COLUMNS: TypedColumn<EntityKey>[] = [
  ['type', 'text'],
  ['name', 'text'],
  ['normalized_name', 'text'],
  ['country_code', 'text'],
  ['country_name', 'text'],
];

/**
 * Inserts the entities not yet stored and returns every entity's id. A nationality records its
 * country; a country learnt later is added to an entity stored without one.
 *
 * ```sql
 * with wanted as (select * from unnest($1::text[], …) as row(type, name, normalized_name, …)),
 * inserted as (insert into entity (…) select * from wanted on conflict on constraint entity_type_normalized_name do nothing returning …)
 * select id, type, normalized_name, country_code from inserted
 * union all select … from entity join wanted on (type, normalized_name);
 * update entity set country_code = row.country_code, country_name = row.country_name
 * from unnest($1::bigint[], $2::text[], $3::text[]) as row(id, …) where entity.id = row.id
 * ```
 */
async function upsertEntities(trx: Trx, entities: readonly EntityKey[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (entities.length === 0) return ids;
  // The select sees the entities as they were before the insert: together, the stored and the new.
  const { rows } = await sql<{ id: number; type: string; normalized_name: string; country_code: string | null }>`
    with wanted as (select * from ${unnestRows(entities, ENTITY_COLUMNS)}),
    inserted as (
      insert into entity (type, name, normalized_name, country_code, country_name) select * from wanted
      on conflict on constraint entity_type_normalized_name do nothing
      returning id, type, normalized_name, country_code
    )
    select id, type, normalized_name, country_code from inserted
    union all
    select entity.id, entity.type, entity.normalized_name, entity.country_code
    from entity join wanted on entity.type = wanted.type and entity.normalized_name = wanted.normalized_name
  `.execute(trx);
  for (const row of rows) ids.set(keyOf(row.type, row.normalized_name), Number(row.id));
  const countryless = new Set(rows.filter((row) => row.country_code === null).map((row) => Number(row.id)));
  const learnt = entities
    .filter((entity) => entity.country_code !== null && countryless.has(ids.get(keyOf(entity.type, entity.normalized_name))!))
    .map((entity) => ({ id: ids.get(keyOf(entity.type, entity.normalized_name))!, country_code: entity.country_code, country_name: entity.country_name }));
  if (learnt.length > 0) {
    await sql`
      update entity set country_code = row.country_code, country_name = row.country_name
      from ${unnestRows(learnt, [['id', 'bigint'], ['country_code', 'text'], ['country_name', 'text']])}
      where entity.id = row.id
    `.execute(trx);
  }
  return ids;
}

/**
 * Folds stored short names into people's full names when that full name is the only one they fit
 * ("Blinken", stored before "Antony Blinken" arrived): their mentions and aliases move over.
 *
 * ```sql
 * update mention set entity_id = row.full_id from unnest($1::bigint[], $2::bigint[]) as row(short_id, full_id) where mention.entity_id = row.short_id;
 * insert into entity_alias (entity_id, alias, normalized_alias) select row.full_id, alias, normalized_alias from entity_alias join unnest(…) … on conflict do nothing;
 * delete from entity where id = any($1)
 * ```
 */
async function absorbShortForms(trx: Trx, people: ReadonlyMap<string, number>): Promise<void> {
  const candidates = new Map<string, number>();
  for (const [normalized, id] of people) for (const short of shorterForms(normalized)) candidates.set(short, id);
  if (candidates.size === 0) return;
  const stored = await trx
    .selectFrom('entity')
    .select(['id', 'normalized_name'])
    .where('type', '=', 'PER')
    .where('normalized_name', '=', sql<string>`any(${[...candidates.keys()]}::text[])`)
    .execute();
  if (stored.length === 0) return;
  const fullNames = await fullNamesOf(trx, stored.map((row) => row.normalized_name));
  const merges = stored.flatMap((short) => {
    const full = fullNames.get(short.normalized_name) ?? [];
    return full.length === 1 && full[0] === candidates.get(short.normalized_name) ? [{ short_id: Number(short.id), full_id: full[0]! }] : [];
  });
  if (merges.length === 0) return;
  const pairs = unnestRows(merges, [['short_id', 'bigint'], ['full_id', 'bigint']]);
  await sql`update mention set entity_id = row.full_id from ${pairs} where mention.entity_id = row.short_id`.execute(trx);
  await sql`
    insert into entity_alias (entity_id, alias, normalized_alias)
    select row.full_id, alias, normalized_alias from entity_alias join ${pairs} on entity_alias.entity_id = row.short_id
    on conflict do nothing
  `.execute(trx);
  await trx.deleteFrom('entity').where('id', '=', sql<number>`any(${merges.map((merge) => merge.short_id)}::bigint[])`).execute();
}

/**
 * Deletes the mentions and time expressions of articles about to get new ones, and returns the
 * entities those mentions named (some may be left without any).
 *
 * ```sql
 * delete from time_expression where article_id = any($1);
 * delete from mention where article_id = any($1) returning entity_id
 * ```
 */
export async function removeDerived(trx: Trx, articleIds: readonly number[]): Promise<number[]> {
  if (articleIds.length === 0) return [];
  await trx.deleteFrom('time_expression').where('article_id', '=', sql<number>`any(${articleIds}::bigint[])`).execute();
  const removed = await trx.deleteFrom('mention').where('article_id', '=', sql<number>`any(${articleIds}::bigint[])`).returning('entity_id').execute();
  return [...new Set(removed.map((row) => Number(row.entity_id)))];
}

/**
 * Every entity must have a mention: those whose last mention went (an edited or re-extracted
 * article) are deleted with their aliases.
 *
 * ```sql
 * delete from entity where id = any($1) and not exists (select from mention where mention.entity_id = entity.id)
 * ```
 */
async function removeOrphans(trx: Trx, entityIds: readonly number[]): Promise<void> {
  if (entityIds.length === 0) return;
  await trx
    .deleteFrom('entity')
    .where('id', '=', sql<number>`any(${entityIds}::bigint[])`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('mention').select('article_id').whereRef('mention.entity_id', '=', 'entity.id'))))
    .execute();
}

/** The lock that batches of entity writes take in turn, so that linking sees every stored name. */
export const ENTITY_LOCK = 0x6e657773;

type MentionRow = { article_id: number; entity_id: number; start: number; end: number; text: string };
const MENTION_COLUMNS: TypedColumn<MentionRow>[] = [
  ['article_id', 'bigint'],
  ['entity_id', 'bigint'],
  ['start', 'integer'],
  ['end', 'integer'],
  ['text', 'text'],
];
type AliasRow = { entity_id: number; alias: string; normalized_alias: string };
const ALIAS_COLUMNS: TypedColumn<AliasRow>[] = [
  ['entity_id', 'bigint'],
  ['alias', 'text'],
  ['normalized_alias', 'text'],
];

/** A short name that fits several full names of its own article is ambiguous there: it is not linked. */
function linkableShortNames(entities: readonly EntityKey[]): EntityKey[] {
  const people = entities.filter((entity) => entity.type === 'PER');
  return people.filter((short) => !people.some((full) => full.normalized_name.endsWith(` ${short.normalized_name}`)));
}

/**
 * Writes the mentions of a batch of articles that have none stored (new, or cleared by
 * `removeDerived`, whose returned entities are `replaced`). Entities are shared across articles: a
 * surname alone ("Blinken") joins the one stored person whose full name ends with it, a full name
 * absorbs a stored surname that fits only it, and every surface form is kept as an alias. The
 * `alongside` write (the articles' time expressions) goes in the same statement. Call it holding
 * {@link ENTITY_LOCK}.
 *
 * ```sql
 * with s0 as (insert into time_expression …), s1 as (insert into mention (article_id, entity_id, start, "end", text) select … from unnest(…))
 * insert into entity_alias (entity_id, alias, normalized_alias) select … from unnest(…) on conflict do nothing
 * ```
 */
export async function writeMentions(
  trx: Trx,
  articles: readonly { articleId: number; mentions: readonly Mention[] }[],
  replaced: readonly number[],
  alongside: RawBuilder<unknown> | undefined,
): Promise<void> {
  const perArticle = articles.map(({ articleId, mentions }) => {
    const entities = distinctEntities(mentions);
    return { articleId, mentions, entities, linkable: new Set(linkableShortNames(entities).map((entity) => entity.normalized_name)) };
  });
  const shortNames = [...new Set(perArticle.flatMap(({ linkable }) => [...linkable]))];
  const fullNames = await fullNamesOf(trx, shortNames);

  // Per article, which entity each mention's key means: the one stored full name, or its own entity.
  const linked = perArticle.map(({ entities, linkable }) => {
    const ids = new Map<string, number>();
    for (const entity of entities) {
      const full = linkable.has(entity.normalized_name) && entity.type === 'PER' ? fullNames.get(entity.normalized_name) : undefined;
      if (full?.length === 1) ids.set(keyOf(entity.type, entity.normalized_name), full[0]!);
    }
    return ids;
  });
  const toUpsert = new Map<string, EntityKey>();
  perArticle.forEach(({ entities }, i) => {
    for (const entity of entities) {
      const key = keyOf(entity.type, entity.normalized_name);
      // Of the same entity in several articles, one that knows its country is kept.
      if (!linked[i]!.has(key) && (!toUpsert.has(key) || (toUpsert.get(key)!.country_code === null && entity.country_code !== null))) toUpsert.set(key, entity);
    }
  });
  const entities = [...toUpsert.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entity]) => entity);
  const upserted = await upsertEntities(trx, entities);
  const idOf = (i: number, mention: Mention) => linked[i]!.get(mentionKey(mention)) ?? upserted.get(mentionKey(mention))!;

  const mentionRows: MentionRow[] = [];
  const aliases = new Map<string, AliasRow>();
  perArticle.forEach(({ articleId, mentions }, i) => {
    for (const mention of mentions) {
      const entityId = idOf(i, mention);
      mentionRows.push({ article_id: articleId, entity_id: entityId, start: mention.start, end: mention.end, text: mention.text });
      const alias = mention.text.replace(/\s+/g, ' ');
      const row = { entity_id: entityId, alias, normalized_alias: normalizeName(alias) };
      aliases.set(`${row.entity_id}\u0000${row.normalized_alias}`, row);
    }
  });
  await writeTogether(trx, [
    alongside,
    mentionRows.length > 0 ? insertRows('mention', mentionRows, MENTION_COLUMNS) : undefined,
    aliases.size > 0 ? sql`${insertRows('entity_alias', [...aliases.values()], ALIAS_COLUMNS)} on conflict do nothing` : undefined,
  ]);

  const people = new Map(entities.filter((entity) => entity.type === 'PER').map((entity) => [entity.normalized_name, upserted.get(keyOf('PER', entity.normalized_name))!]));
  await absorbShortForms(trx, people);
  await removeOrphans(trx, replaced);
}
