import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { loadConfig } from '../config.ts';
import { defaultExtractorFor } from '../entities/index.ts';
import { normalizeDates } from '../workers/dates.ts';
import { extractEntities } from '../workers/entities.ts';
import { validate } from '../workers/validate.ts';

/**
 * A benchmark reference point, run as a child process (one per core): the files named on stdin go
 * through validate, dates and entities, the stages' real code, with no queue and no database.
 * Prints `{ articles, seconds }` as JSON.
 */
const config = loadConfig();
const extractor = defaultExtractorFor(config.nerModel);
const files = (await text(process.stdin)).split('\n').filter(Boolean);
const started = performance.now();
for (const file of files) {
  const { article, published } = validate(await readFile(file), config.timezone);
  normalizeDates(article.text, published);
  extractEntities(article.text, extractor);
}
console.log(JSON.stringify({ articles: files.length, seconds: (performance.now() - started) / 1000 }));
