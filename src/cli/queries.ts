import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { DateError, parsePublishedDate } from '../dates/published.ts';
import { createDatabase } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import { prepareDatabase } from '../db/migrate.ts';
import { describeEntity, type EntityDetails, findArticles, type FoundArticle, type TopEntity, topEntities } from '../db/queries.ts';
import { type EntityType, entityTypeSchema } from '../entities/entity.ts';
import { printable } from '../log.ts';
import { wholeNumber } from './options.ts';

/** Runs `query` on a connection of its own, made after the schema is brought up to date (the indexes it needs among it). */
async function withDatabase<T>(config: Config, query: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  await prepareDatabase(config.database);
  const db = createDatabase(config.database, { max: 1 });
  try {
    return await query(db);
  } finally {
    await db.destroy();
  }
}

/** A date as articles write it, at any precision: `--from 2023-03` starts on 1 March, `--to 2023-03` ends on the 31st. */
function dateBound(config: () => Config, end: 'start' | 'end'): (value: string) => Date {
  return (value) => {
    try {
      return new Date(parsePublishedDate(value, config().timezone)[end]);
    } catch (error) {
      if (error instanceof DateError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
}

function formatArticles(articles: FoundArticle[]): string {
  if (articles.length === 0) return 'no articles found';
  return articles
    .map((article) => {
      const lines = [`${article.published_value.padEnd(10)}  ${printable(article.source_key)}${article.rank === null ? '' : `  (rank ${article.rank.toFixed(3)})`}`];
      if (article.title !== null) lines.push(`            ${article.title}`);
      if (article.snippet !== null) lines.push(`            ${article.snippet.replace(/\s+/g, ' ')}`);
      return lines.join('\n');
    })
    .join('\n');
}

function formatTopEntities(entities: TopEntity[]): string {
  if (entities.length === 0) return 'no entities stored';
  const width = String(entities[0]!.mentions).length;
  return entities
    .map((entity) => `${String(entity.mentions).padStart(width)}  ${entity.type.padEnd(4)} ${entity.name}${entity.aliases.length > 1 ? `  (${entity.aliases.join(', ')})` : ''}`)
    .join('\n');
}

function formatEntity(entity: EntityDetails): string {
  const country = entity.country_name === null ? '' : ` → ${entity.country_name} (${entity.country_code})`;
  const lines = [
    `${entity.type} ${entity.name}${country}: ${entity.mentions} mention(s) in ${entity.articles} article(s)`,
    `aliases: ${entity.aliases.join(', ')}`,
    `articles${entity.appearances.length < entity.articles ? ` (the newest ${entity.appearances.length})` : ''}:`,
  ];
  for (const article of entity.appearances) {
    const written = [...new Set(article.mentions.map((mention) => mention.text))].join(', ');
    lines.push(`  ${article.published_value.padEnd(10)}  ${printable(article.source_key)}  ${article.mentions.length}× (${written})${article.title === null ? '' : `  ${article.title}`}`);
  }
  lines.push('mentioned together with (articles shared):');
  for (const other of entity.cooccurring) lines.push(`  ${String(other.articles).padStart(4)}  ${other.type.padEnd(4)} ${other.name}`);
  return lines.join('\n');
}

/** `articles`, `entities` and `entity`: what the stored articles say, for people and (with `--json`) for scripts. */
export function addQueryCommands(program: Command, config: () => Config): void {
  program
    .command('articles')
    .description('list stored articles, newest first, or best match first with --text')
    .option('--from <date>', 'published on or after this date (any precision: 2023, 2023-03, 2023-03-01); an article matches when its publication range overlaps the asked one', dateBound(config, 'start'))
    .option('--to <date>', 'published on or before this date (any precision)', dateBound(config, 'end'))
    .option('--entity <name>', 'mentioning this entity, by any name it was written as ("Lavrov" finds Sergej Lavrov)')
    .option('--text <query>', 'full-text search in Dutch: words match their other forms ("oplossingen" finds "oplossing"); "a phrase", or, -word')
    .option('--limit <n>', 'at most this many articles', wholeNumber(1), 20)
    .option('--json', 'print JSON for scripts')
    .action(async (options: { from?: Date; to?: Date; entity?: string; text?: string; limit: number; json?: boolean }) => {
      const articles = await withDatabase(config(), (db) => findArticles(db, options));
      console.log(options.json ? JSON.stringify(articles, null, 2) : formatArticles(articles));
    });

  program
    .command('entities')
    .description('the most mentioned entities, with their aliases and mention counts')
    .option('--top <n>', 'how many', wholeNumber(1), 20)
    .addOption(new Option('--type <type>', 'of one type only').choices(entityTypeSchema.options))
    .option('--json', 'print JSON for scripts')
    .action(async (options: { top: number; type?: EntityType; json?: boolean }) => {
      const entities = await withDatabase(config(), (db) => topEntities(db, { limit: options.top, type: options.type }));
      console.log(options.json ? JSON.stringify(entities, null, 2) : formatTopEntities(entities));
    });

  program
    .command('entity')
    .description('an entity by any name it was written as: its aliases, the articles that mention it, the entities mentioned with it; exit 1 if none is called so')
    .argument('<name>', 'a name as written in an article ("Lavrov", "Sergej Lavrov"); case and accents do not matter')
    .option('--limit <n>', 'list at most this many of its articles, the newest', wholeNumber(1), 20)
    .option('--top <n>', 'list this many of the entities mentioned with it', wholeNumber(1), 10)
    .option('--json', 'print JSON for scripts (an array: a name may be written for more than one entity)')
    .action(async (name: string, options: { limit: number; top: number; json?: boolean }) => {
      const entities = await withDatabase(config(), (db) => describeEntity(db, name, { articles: options.limit, cooccurring: options.top }));
      if (options.json) console.log(JSON.stringify(entities, null, 2));
      else if (entities.length > 0) console.log(entities.map(formatEntity).join('\n\n'));
      else console.error(`news-ingest: no entity is called "${printable(name)}"`);
      if (entities.length === 0) process.exitCode = 1;
    });
}
