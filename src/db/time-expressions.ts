import type { RawBuilder } from 'kysely';
import type { TimeExpression } from '../dates/timex/find.ts';
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
 * The insert of the time expressions of articles that have none stored (new, or cleared by
 * `removeDerived`), to be run with other writes; undefined when there are none.
 *
 * ```sql
 * insert into time_expression (article_id, start, "end", text, type, value, mod, first_day, last_day)
 * select * from unnest($1::bigint[], $2::integer[], …)
 * ```
 */
export function insertTimeExpressions(articles: readonly { articleId: number; expressions: readonly TimeExpression[] }[]): RawBuilder<unknown> | undefined {
  const rows = articles.flatMap(({ articleId, expressions }) => expressions.map((expression) => rowOf(articleId, expression)));
  return rows.length > 0 ? insertRows('time_expression', rows, COLUMNS) : undefined;
}
