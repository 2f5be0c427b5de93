import { publishedDateOf } from '../article/published.ts';
import { documentDateOf, findTimeExpressions } from '../dates/timex/find.ts';
import type { Task } from './context.ts';

/**
 * Turns the date as written into a value with its precision and range, and finds the time
 * expressions of the text relative to it. What is odd about the date is logged and stored.
 */
export const normalizeDates: Task<'dates'> = async (payload, { config, log }) => {
  const published = publishedDateOf(payload.article, config.timezone);
  for (const warning of published.warnings) log.warn('publication date', { file: payload.source.key, warning });
  return { ...payload, published, timeExpressions: findTimeExpressions(payload.article.text, documentDateOf(published)) };
};
