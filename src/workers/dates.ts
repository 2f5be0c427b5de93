import { publishedDateOf } from '../article/published.ts';
import type { Task } from './context.ts';

/** Turns the date as written into a value with its precision. */
export const normalizeDates: Task<'dates'> = async (payload, { config }) => ({
  ...payload,
  published: publishedDateOf(payload.article, config.timezone),
});
