import { describe, expect, it } from 'vitest';
import { DateError, parsePublishedDate } from '../src/dates/published.ts';

describe('publication dates', () => {
  it.each([
    ['2023', { value: '2023', precision: 'year', date: '2023-01-01' }],
    ['2023-03', { value: '2023-03', precision: 'month', date: '2023-03-01' }],
    ['2022-01', { value: '2022-01', precision: 'month', date: '2022-01-01' }],
    ['2024-02-29', { value: '2024-02-29', precision: 'day', date: '2024-02-29' }],
    ['2023-03-02T14:05', { value: '2023-03-02T14:05', precision: 'minute', date: '2023-03-02' }],
    ['2023-03-02T14:05:09+0100', { value: '2023-03-02T14:05:09+01:00', precision: 'second', date: '2023-03-02' }],
    ['2023-03-02 14:05Z', { value: '2023-03-02T14:05Z', precision: 'minute', date: '2023-03-02' }],
  ])('%s keeps its precision', (text, expected) => {
    expect(parsePublishedDate(text)).toEqual(expected);
  });

  it.each([
    ['2023-13', 'month 13 does not exist (1–12)'],
    ['2023-00', 'month 0 does not exist (1–12)'],
    ['2023-02-29', 'day of 2023-02: 29 does not exist (1–28)'],
    ['2023-03-02T24:00', 'hour 24 does not exist (0–23)'],
    ['maart', '"maart" is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD, optionally with a time'],
  ])('%s is refused: %s', (text, message) => {
    expect(() => parsePublishedDate(text)).toThrow(new DateError(message));
  });
});
