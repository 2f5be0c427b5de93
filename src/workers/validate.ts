import { ArticleError } from '../article/article.ts';
import { parseArticleFile } from '../article/parse.ts';
import { publishedDateOf } from '../article/published.ts';
import type { Task } from './context.ts';

/** Reads the file's bytes as an article and checks its date; any fault is an ArticleError. */
export const validate: Task<'validate'> = async ({ source, size, content }, { config }) => {
  if (content === null) {
    throw new ArticleError(`the file has ${size} bytes; an article may have at most ${config.maxArticleBytes} (MAX_ARTICLE_BYTES)`);
  }
  const article = parseArticleFile(Buffer.from(content, 'base64'));
  publishedDateOf(article, config.timezone);
  return { source, article };
};
