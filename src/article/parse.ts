import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';
import { type Article, ArticleError, jsonArticleSchema, type SourceEncoding } from './article.ts';
import { splitDateHeader } from '../dates/published.ts';
import { splitBlocks } from './blocks.ts';
import { decodeText } from './encoding.ts';

const HEADER = /^date[ \t]+/;
const EXPECTED =
  'expected a "date YYYY-MM" header followed by the article text (e.g. "date 2023-03 De minister…"), ' +
  'or a JSON article {"date", "text", "title"?, "source"?, "url"?}';

/** The file's text, its line endings made `\n` (Windows and old Mac files end lines otherwise). */
function decode(bytes: Uint8Array): { content: string; encoding: SourceEncoding } {
  if (bytes.length === 0) throw new ArticleError(`the file is empty; ${EXPECTED}`);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new ArticleError(`byte ${nul} is a NUL character: this is a binary file, not UTF-8 text`);
  }
  const { text, encoding } = decodeText(bytes);
  return { content: text.replace(/\r\n?/g, '\n'), encoding };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The start of a line as a reason quotes it. Control characters are spelt out (`\u001b`): the reason
 * is shown in a terminal by `status` and the logs, where the file's escape sequences must not act.
 */
function preview(line: string): string {
  const start = line.length > 40 ? `${line.slice(0, 40)}…` : line;
  return start.replace(/\p{Cc}/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function parseTextArticle(content: string, encoding: SourceEncoding): Article {
  const leading = content.length - content.trimStart().length;
  const rest = content.slice(leading);
  const line = lineOf(content, leading);
  const header = HEADER.exec(rest);
  if (!header) {
    const firstLine = rest.split('\n', 1)[0] ?? '';
    throw new ArticleError(`line ${line}: found "${preview(firstLine)}"; ${EXPECTED}`);
  }
  const afterWord = rest.slice(header[0].length);
  const lineEnd = afterWord.search(/\r?\n|$/);
  const { dateText, rest: sameLine } = splitDateHeader(afterWord.slice(0, lineEnd));
  const text = (sameLine + afterWord.slice(lineEnd)).trim();
  if (text === '') {
    throw new ArticleError(`line ${line}: the date header is not followed by any article text`);
  }
  return {
    format: 'text',
    encoding,
    dateText,
    dateWhere: `line ${line} (date header)`,
    title: null,
    text,
    blocks: splitBlocks(text),
    source: null,
    url: null,
  };
}

/** JSON.parse does not say where the fault is; a tolerant parser finds line and column. */
function locateJsonError(content: string): string {
  const errors: ParseError[] = [];
  parseJsonc(content, errors, { disallowComments: true, allowTrailingComma: false });
  const [first] = errors;
  if (!first) return 'the document is not strict JSON';
  const before = content.slice(0, first.offset);
  const line = lineOf(content, first.offset);
  const column = first.offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${printParseErrorCode(first.error)}`;
}

/** What a JSON value is, as a reason names it: `a number`, `an array`, `null`. */
const kindOfValue = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`);

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  const field = issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'the document';
  if (issue.code === 'invalid_type') {
    const found = issue.input === undefined ? 'is missing' : `is ${kindOfValue(issue.input)}`;
    return `${field} ${found}; expected a ${issue.expected}`;
  }
  return `${field}: ${issue.message}`;
}

function parseJsonArticle(content: string, encoding: SourceEncoding): Article {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    throw new ArticleError(`not valid JSON: ${locateJsonError(content)}`);
  }
  const parsed = jsonArticleSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    // An unknown field is most often a misspelt one: say so first.
    const issues = parsed.error.issues.toSorted((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
    throw new ArticleError(`JSON article: ${issues.map(describeIssue).join('; ')}`);
  }
  // A JSON string may spell out a NUL character, which no text column (nor reader) takes.
  const withNul = Object.entries(parsed.data).find(([, field]) => field.includes('\u0000'));
  if (withNul) throw new ArticleError(`JSON article: field "${withNul[0]}" holds a NUL character (\\u0000); expected text`);
  const { date, title, text, source, url } = parsed.data;
  // A JSON string spells line endings out (`\r\n`): they are made `\n` like those of a text file.
  const body = text.replace(/\r\n?/g, '\n').trim();
  return {
    format: 'json',
    encoding,
    dateText: date,
    dateWhere: 'field "date"',
    title: title ?? null,
    text: body,
    blocks: splitBlocks(body),
    source: source ?? null,
    url: url ?? null,
  };
}

/**
 * Reads an article file: the text form (`date YYYY-MM` header, text on the same line, paragraphs
 * separated by blank lines) or the JSON form. Throws an {@link ArticleError} that says where and
 * what is wrong.
 */
export function parseArticleFile(bytes: Uint8Array): Article {
  const { content, encoding } = decode(bytes);
  if (content.trim() === '') throw new ArticleError(`the file holds only white space; ${EXPECTED}`);
  return content.trimStart().startsWith('{') ? parseJsonArticle(content, encoding) : parseTextArticle(content, encoding);
}
