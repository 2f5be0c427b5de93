import type { PublishedDate } from '../dates/published.ts';
import { documentDateOf, findTimeExpressions, type TimeExpression } from '../dates/timex/find.ts';

/** Finds the time expressions of the text, normalized relative to the publication date. */
export function normalizeDates(text: string, published: PublishedDate): TimeExpression[] {
  return findTimeExpressions(text, documentDateOf(published));
}
