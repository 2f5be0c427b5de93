import type { Article } from '../article/article.ts';
import { parseArticleFile } from '../article/parse.ts';
import { publishedDateOf } from '../article/published.ts';
import type { PublishedDate } from '../dates/published.ts';

/** Reads the file's bytes as an article and checks its date; any fault is an ArticleError. */
export function validate(bytes: Uint8Array, timezone: string): { article: Article; published: PublishedDate } {
  const article = parseArticleFile(bytes);
  return { article, published: publishedDateOf(article, timezone) };
}
