import { sql, type Transaction } from 'kysely';
import { type EntityType, type Mention, normalizeName } from '../entities/entity.ts';
import { chunksOf } from './chunks.ts';
import type { Database } from './database.ts';

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
 * `nekinlb!`: a range an index on reverse(name) serves for each short name in turn.
 *
 * ```sql
 * select s.short, e.id from unnest($1, $2, $3) as s(short, low, high)
 * cross join lateral (select id from entity where type = 'PER'
 *   and reverse(normalized_name) ~>=~ s.low and reverse(normalized_name) ~<~ s.high) e
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
    ) as e
  `.execute(trx);
  for (const row of rows) found.set(row.short, [...(found.get(row.short) ?? []), Number(row.id)]);
  return found;
}

/**
 * Inserts the entities not yet stored and returns every entity's id. A nationality records its
 * country; a country learnt later is added to an entity stored without one.
 */
async function upsertEntities(trx: Trx, entities: readonly EntityKey[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const chunk of chunksOf(entities)) {
    const rows = await trx
      .insertInto('entity')
      .values(chunk)
      .onConflict((oc) =>
        oc.constraint('entity_type_normalized_name').doUpdateSet((eb) => ({
          country_code: eb.fn.coalesce('entity.country_code', eb.ref('excluded.country_code')),
          country_name: eb.fn.coalesce('entity.country_name', eb.ref('excluded.country_name')),
        })),
      )
      .returning(['id', 'type', 'normalized_name'])
      .execute();
    for (const row of rows) ids.set(keyOf(row.type, row.normalized_name), Number(row.id));
  }
  return ids;
}

/**
 * Folds a stored short name into a person's full name when that full name is the only one it
 * fits ("Blinken", stored before "Antony Blinken" arrived): its mentions and aliases move over.
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
  for (const short of stored) {
    const full = fullNames.get(short.normalized_name) ?? [];
    if (full.length !== 1 || full[0] !== candidates.get(short.normalized_name)) continue;
    await trx.updateTable('mention').set({ entity_id: full[0]! }).where('entity_id', '=', short.id).execute();
    await sql`
      insert into entity_alias (entity_id, alias, normalized_alias)
      select ${full[0]!}, alias, normalized_alias from entity_alias where entity_id = ${short.id}
      on conflict do nothing
    `.execute(trx);
    await trx.deleteFrom('entity').where('id', '=', short.id).execute();
  }
}

/**
 * Every entity must have a mention: those whose last mention went (an edited or re-extracted
 * article) are deleted with their aliases.
 */
async function removeOrphans(trx: Trx, entityIds: readonly number[]): Promise<void> {
  for (const chunk of chunksOf([...new Set(entityIds)])) {
    await trx
      .deleteFrom('entity')
      .where('id', 'in', chunk)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('mention').select('article_id').whereRef('mention.entity_id', '=', 'entity.id'))))
      .execute();
  }
}

/** Entity writes of concurrent articles take turns, so that linking sees every stored name. */
const ENTITY_LOCK = 0x6e657773;

/**
 * Replaces an article's mentions. Entities are shared across articles: a surname alone ("Blinken")
 * joins the one stored person whose full name ends with it, a full name absorbs a stored surname
 * that fits only it, and every surface form is kept as an alias.
 */
export async function replaceMentions(trx: Trx, articleId: number, mentions: readonly Mention[]): Promise<void> {
  await sql`select pg_advisory_xact_lock(${ENTITY_LOCK})`.execute(trx);
  const previous = await trx.deleteFrom('mention').where('article_id', '=', articleId).returning('entity_id').execute();

  const entities = distinctEntities(mentions);
  const people = entities.filter((entity) => entity.type === 'PER');
  // A short name that fits several full names of this very article is ambiguous here too.
  const linkable = people.filter((short) => !people.some((full) => full.normalized_name.endsWith(` ${short.normalized_name}`)));
  const fullNames = await fullNamesOf(trx, linkable.map((entity) => entity.normalized_name));
  const idByKey = new Map<string, number>();
  const toUpsert: EntityKey[] = [];
  for (const entity of entities) {
    const full = entity.type === 'PER' ? fullNames.get(entity.normalized_name) : undefined;
    if (full?.length === 1) idByKey.set(keyOf(entity.type, entity.normalized_name), full[0]!);
    else toUpsert.push(entity);
  }
  const upserted = await upsertEntities(trx, toUpsert);
  for (const [key, id] of upserted) idByKey.set(key, id);
  const upsertedPeople = new Map(toUpsert.filter((entity) => entity.type === 'PER').map((entity) => [entity.normalized_name, upserted.get(keyOf('PER', entity.normalized_name))!]));

  const mentionRows = mentions.map((mention) => ({ article_id: articleId, entity_id: idByKey.get(mentionKey(mention))!, start: mention.start, end: mention.end, text: mention.text }));
  for (const chunk of chunksOf(mentionRows)) await trx.insertInto('mention').values(chunk).execute();
  const aliases = new Map<string, { entity_id: number; alias: string; normalized_alias: string }>();
  for (const mention of mentions) {
    const alias = mention.text.replace(/\s+/g, ' ');
    const row = { entity_id: idByKey.get(mentionKey(mention))!, alias, normalized_alias: normalizeName(alias) };
    aliases.set(`${row.entity_id}\u0000${row.normalized_alias}`, row);
  }
  for (const chunk of chunksOf([...aliases.values()])) await trx.insertInto('entity_alias').values(chunk).onConflict((oc) => oc.doNothing()).execute();
  await absorbShortForms(trx, upsertedPeople);
  await removeOrphans(trx, previous.map((row) => row.entity_id));
}
