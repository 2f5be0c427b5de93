import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/article/parse.ts';
import { publishedDateOf } from '../src/article/published.ts';
import { storeArticle } from '../src/db/articles.ts';
import type { Mention } from '../src/entities/entity.ts';
import { countryOfNationality } from '../src/ner/nationalities.ts';
import { seedsGold } from './support/gold.ts';
import { useTestDatabase } from './support/database.ts';
import { REPO_ROOT } from './support/environment.ts';

const test = useTestDatabase({ emptyBeforeEach: true, connections: 4 });

const articleOf = (text: string) => parseArticleFile(new TextEncoder().encode(` date 2024-02 ${text}`));

/** Stores `text` under `key` with the mentions given as [type, text] in order of appearance. */
async function store(key: string, text: string, mentions: [Mention['type'], string][], extractor = 'test') {
  const article = articleOf(text);
  let from = 0;
  const located = mentions.map(([type, written]) => {
    const start = article.text.indexOf(written, from);
    from = start + written.length;
    return { type, text: written, name: written, start, end: start + written.length };
  });
  return storeArticle(test.db, {
    sourceKey: key,
    contentHash: key.padEnd(64, '0').replace(/[^0-9a-f]/g, 'f').slice(0, 64),
    sourceModifiedAt: new Date(),
    article,
    published: publishedDateOf(article, 'Europe/Amsterdam'),
    timeExpressions: [],
    mentions: located,
    extractor,
  });
}

async function people() {
  const rows = await test.db
    .selectFrom('entity')
    .leftJoin('entity_alias', 'entity_alias.entity_id', 'entity.id')
    .select(['entity.name', 'entity_alias.alias'])
    .where('entity.type', '=', 'PER')
    .orderBy('entity.name')
    .orderBy('entity_alias.alias')
    .execute();
  const byName = new Map<string, string[]>();
  for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), ...(row.alias ? [row.alias] : [])]);
  return Object.fromEntries(byName);
}

describe('linking people across articles', () => {
  it('joins a surname to the one full name stored before it', async () => {
    await store('a.txt', 'Antony Blinken reist naar Kiev.', [['PER', 'Antony Blinken'], ['LOC', 'Kiev']]);
    await store('b.txt', 'Blinken sprak met Lavrov.', [['PER', 'Blinken'], ['PER', 'Lavrov']]);
    expect(await people()).toEqual({ 'Antony Blinken': ['Antony Blinken', 'Blinken'], Lavrov: ['Lavrov'] });
  });

  it('folds a stored surname into the full name that arrives later', async () => {
    await store('b.txt', 'Blinken sprak met Lavrov.', [['PER', 'Blinken'], ['PER', 'Lavrov']]);
    await store('a.txt', 'Antony Blinken reist naar Kiev.', [['PER', 'Antony Blinken'], ['LOC', 'Kiev']]);
    expect(await people()).toEqual({ 'Antony Blinken': ['Antony Blinken', 'Blinken'], Lavrov: ['Lavrov'] });
    const mentions = await test.db.selectFrom('mention').innerJoin('entity', 'entity.id', 'mention.entity_id').select(['entity.name', 'mention.text']).where('entity.type', '=', 'PER').execute();
    expect(mentions.filter((m) => m.name === 'Antony Blinken').map((m) => m.text).sort()).toEqual(['Antony Blinken', 'Blinken']);
  });

  it('keeps a surname apart when two stored people share it', async () => {
    await store('a.txt', 'Joe Biden en Hunter Biden.', [['PER', 'Joe Biden'], ['PER', 'Hunter Biden']]);
    await store('b.txt', 'Biden zweeg.', [['PER', 'Biden']]);
    expect(Object.keys(await people())).toEqual(['Biden', 'Hunter Biden', 'Joe Biden']);
  });

  it('keeps a surname apart when the article itself names two people with it', async () => {
    await store('a.txt', 'Jan Smit was er.', [['PER', 'Jan Smit']]);
    await store('b.txt', 'Piet Smit en Jan Smit. Smit zei niets.', [['PER', 'Piet Smit'], ['PER', 'Jan Smit'], ['PER', 'Smit']]);
    expect(await people()).toEqual({ 'Jan Smit': ['Jan Smit'], 'Piet Smit': ['Piet Smit'], Smit: ['Smit'] });
  });

  it('never links other types by surname', async () => {
    await store('a.txt', 'Antony Blinken reist.', [['PER', 'Antony Blinken']]);
    await store('b.txt', 'De Blinken-groep.', [['ORG', 'Blinken']]);
    expect(await test.db.selectFrom('entity').select(['type', 'name']).orderBy('type').execute()).toEqual([
      { type: 'ORG', name: 'Blinken' },
      { type: 'PER', name: 'Antony Blinken' },
    ]);
  });

  it('removes entities left without any mention when an article is edited', async () => {
    await store('a.txt', 'Rutte was in Gent.', [['PER', 'Rutte'], ['LOC', 'Gent']]);
    await store('b.txt', 'Ook Gent.', [['LOC', 'Gent']]);
    await storeArticle(test.db, {
      sourceKey: 'a.txt',
      contentHash: 'e'.repeat(64),
      sourceModifiedAt: new Date(Date.now() + 1000),
      article: articleOf('Schoof was in Gent.'),
      published: publishedDateOf(articleOf('x'), 'Europe/Amsterdam'),
      timeExpressions: [],
      mentions: [{ type: 'PER', text: 'Schoof', name: 'Schoof', start: 0, end: 6 }],
      extractor: 'test',
    });
    expect((await test.db.selectFrom('entity').select('name').orderBy('name').execute()).map((row) => row.name)).toEqual(['Gent', 'Schoof']);
  });

  it('records the country a nationality refers to', async () => {
    const article = articleOf('De Russische minister.');
    const start = article.text.indexOf('Russische');
    await storeArticle(test.db, {
      sourceKey: 'n.txt',
      contentHash: 'c'.repeat(64),
      sourceModifiedAt: new Date(),
      article,
      published: publishedDateOf(article, 'Europe/Amsterdam'),
      timeExpressions: [],
      mentions: [{ type: 'MISC', text: 'Russische', name: 'Russische', start, end: start + 9, country: countryOfNationality('Russische')! }],
      extractor: 'test',
    });
    expect(await test.db.selectFrom('entity').select(['name', 'country_code', 'country_name']).execute()).toEqual([
      { name: 'Russische', country_code: 'RU', country_name: 'Rusland' },
    ]);
  });
});

/** The seeds' hand-annotated mentions, located in the text: longer forms first, no overlaps. */
function goldMentions(file: string, text: string): Mention[] {
  const document = seedsGold.documents.find((entry) => entry.file === file)!;
  const forms = document.entities.flatMap((entity) => Object.keys(entity.mentions).map((form) => ({ entity, form })));
  forms.sort((a, b) => b.form.length - a.form.length);
  const taken: Mention[] = [];
  for (const { entity, form } of forms) {
    for (const match of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, 'gu'))) {
      const start = match.index;
      const end = start + form.length;
      if (taken.some((other) => other.start < end && start < other.end)) continue;
      taken.push({ type: entity.type as Mention['type'], text: form, name: entity.name, start, end });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

describe('the two seed articles, with their annotated mentions', () => {
  const seeds = ['000_efed8caf83f9d982.txt', '003_93b1d2fb4bde249c.txt'];
  const storeSeed = async (file: string) => {
    const article = parseArticleFile(readFileSync(path.join(REPO_ROOT, 'seeds', file)));
    await storeArticle(test.db, {
      sourceKey: file,
      contentHash: file.replace(/\D/g, '').padEnd(64, '0'),
      sourceModifiedAt: new Date(),
      article,
      published: publishedDateOf(article, 'Europe/Amsterdam'),
      timeExpressions: [],
      mentions: goldMentions(file, article.text),
      extractor: 'gold',
    });
  };

  it.each([seeds, [...seeds].reverse()])('make Blinken and Antony Blinken one person (%s first)', async (first, second) => {
    await storeSeed(first!);
    await storeSeed(second!);
    const blinkens = await test.db.selectFrom('entity').select(['id', 'name']).where('type', '=', 'PER').where('normalized_name', 'like', '%blinken').execute();
    expect(blinkens.map((row) => row.name)).toEqual(['Antony Blinken']);
    const aliases = await test.db.selectFrom('entity_alias').select('alias').where('entity_id', '=', blinkens[0]!.id).orderBy('alias').execute();
    expect(aliases.map((row) => row.alias)).toEqual(['Antony Blinken', 'Blinken']);
    const mentions = await test.db.selectFrom('mention').select(['article_id']).where('entity_id', '=', blinkens[0]!.id).execute();
    expect(mentions).toHaveLength(8);
    expect(new Set(mentions.map((row) => row.article_id)).size).toBe(2);
    const lavrovs = await test.db.selectFrom('entity').select('name').where('type', '=', 'PER').where('normalized_name', 'like', '%lavrov').execute();
    expect(lavrovs.map((row) => row.name)).toEqual(['Sergej Lavrov']);
  });
});
