import { DateError, type PublishedDate, parsePublishedDate } from '../dates/published.ts';
import { type Article, ArticleError } from './article.ts';

/**
 * The article's publication date (a time without an offset read in `timezone`), or an
 * {@link ArticleError} naming where the bad date stands.
 */
export function publishedDateOf(article: Article, timezone: string): PublishedDate {
  try {
    return parsePublishedDate(article.dateText, timezone);
  } catch (error) {
    if (error instanceof DateError) throw new ArticleError(`${article.dateWhere} "${article.dateText}": ${error.message}`);
    throw error;
  }
}
