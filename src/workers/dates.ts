import { publishedDateOf } from '../article/published.ts';
import { documentDateOf, findTimeExpressions } from '../dates/timex/find.ts';
import type { Task } from './context.ts';

/** Turns the date as written into a value with its precision, and finds the time expressions in the text. */
export const normalizeDates: Task<'dates'> = async (payload, { config }) => {
  const published = publishedDateOf(payload.article, config.timezone);
  return { ...payload, published, timeExpressions: findTimeExpressions(payload.article.text, documentDateOf(published)) };
};
