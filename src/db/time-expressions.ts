import type { Transaction } from 'kysely';
import type { TimeExpression } from '../dates/timex/find.ts';
import { chunksOf } from './chunks.ts';
import type { Database } from './database.ts';

/**
 * Replaces an article's time expressions.
 *
 * ```sql
 * delete from time_expression where article_id = $1;
 * insert into time_expression (article_id, start, "end", text, type, value, mod, first_day, last_day) values ...
 * ```
 */
export async function replaceTimeExpressions(trx: Transaction<Database>, articleId: number, expressions: readonly TimeExpression[]): Promise<void> {
  await trx.deleteFrom('time_expression').where('article_id', '=', articleId).execute();
  const rows = expressions.map((expression) => ({
    article_id: articleId,
    start: expression.start,
    end: expression.end,
    text: expression.text,
    type: expression.type,
    value: expression.value,
    mod: expression.mod ?? null,
    first_day: expression.firstDay ?? null,
    last_day: expression.lastDay ?? null,
  }));
  for (const chunk of chunksOf(rows)) await trx.insertInto('time_expression').values(chunk).execute();
}
