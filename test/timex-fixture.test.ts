import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DocumentDate, findTimeExpressions, type TimeExpression } from '../src/dates/timex/find.ts';

interface Fixture {
  dcts: Record<string, DocumentDate>;
  cases: { source: string; text: string; found: Record<string, TimeExpression[]> }[];
}
const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/time-expressions.json'), 'utf8')) as Fixture;

describe('time expressions: the same as the finder found before its pre-scan', () => {
  it.each(fixture.cases)('$source', ({ text, found }) => {
    for (const [name, dct] of Object.entries(fixture.dcts)) expect(findTimeExpressions(text, dct)).toEqual(found[name]);
  });
});
