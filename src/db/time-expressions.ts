import { sql, type Transaction } from 'kysely';
import type { TimeExpression } from '../dates/timex/find.ts';
import type { Database } from './database.ts';
import { insertRows, type TypedColumn } from './unnest.ts';

type Row = ReturnType<typeof rowOf>;
const rowOf = (articleId: number, expression: TimeExpression) => ({
  article_id: articleId,
  start: expression.start,
  end: expression.end,
  text: expression.text,
  type: expression.type,
  value: expression.value,
  mod: expression.mod ?? null,
  first_day: expression.firstDay ?? null,
  last_day: expression.lastDay ?? null,
});
const COLUMNS: TypedColumn<Row>[] = [
  ['article_id', 'bigint'],
  ['start', 'integer'],
  ['end', 'integer'],
  ['text', 'text'],
  ['type', 'text'],
  ['value', 'text'],
  ['mod', 'text'],
  ['first_day', 'date'],
  ['last_day', 'date'],
];

/**
 * Writes the time expressions of articles that have none stored (new, or cleared by `removeDerived`).
 *
 * ```sql
 * insert into time_expression (article_id, start, "end", text, type, value, mod, first_day, last_day)
 * select * from unnest($1::bigint[], $2::integer[], …)
 * ```
 */
export async function writeTimeExpressions(trx: Transaction<Database>, articles: readonly { articleId: number; expressions: readonly TimeExpression[] }[]): Promise<void> {
  const rows = articles.flatMap(({ articleId, expressions }) => expressions.map((expression) => rowOf(articleId, expression)));
  if (rows.length > 0) await sql`${insertRows('time_expression', rows, COLUMNS)}`.execute(trx);
}
