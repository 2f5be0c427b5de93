import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DateError, parsePublishedDate, splitDateHeader } from '../src/dates/published.ts';
import { runCli } from './support/cli.ts';
import { FIXTURES } from './support/environment.ts';

const dev = JSON.parse(readFileSync(path.join(FIXTURES, 'dates-dev.json'), 'utf8')) as {
  headers: { in: string; value: string; precision: string; tz: string | null; note?: string }[];
};

describe('publication dates: the development headers', () => {
  it.each(dev.headers)('$in', (header) => {
    const { dateText, rest } = splitDateHeader(header.in.replace(/^date\s+/, ''));
    expect(rest).toBe('');
    const parsed = parsePublishedDate(dateText);
    expect({ value: parsed.value, precision: parsed.precision }).toEqual({ value: header.value, precision: header.precision });
    if (header.tz === null) expect(parsed.timezone).toBeNull();
    else expect(header.tz).toContain(parsed.timezone);
    expect(parsed.implied).toBe(header.tz !== null && !header.tz.includes('explicit'));
    // The notes name what must be flagged: a weekday conflict, a time the clocks skip.
    expect(parsed.warnings.length > 0).toBe(/weekday conflict|nonexistent/.test(header.note ?? ''));
  });
});

describe('publication dates', () => {
  it.each([
    ['2023', '2023', 'year', '2023-01-01T00:00:00.000+01:00', '2023-12-31T23:59:59.999+01:00'],
    ['2023-03', '2023-03', 'month', '2023-03-01T00:00:00.000+01:00', '2023-03-31T23:59:59.999+02:00'],
    ['2024-02-29', '2024-02-29', 'day', '2024-02-29T00:00:00.000+01:00', '2024-02-29T23:59:59.999+01:00'],
    ['2023-03-02T14:05', '2023-03-02T14:05', 'minute', '2023-03-02T14:05:00.000+01:00', '2023-03-02T14:05:59.999+01:00'],
    ['2023-03-02T14:05:09+0100', '2023-03-02T14:05:09+01:00', 'second', '2023-03-02T14:05:09.000+01:00', '2023-03-02T14:05:09.999+01:00'],
    ['2023-03-02 14:05Z', '2023-03-02T14:05Z', 'minute', '2023-03-02T14:05:00.000Z', '2023-03-02T14:05:59.999Z'],
    ['2 maart 2023', '2023-03-02', 'day', '2023-03-02T00:00:00.000+01:00', '2023-03-02T23:59:59.999+01:00'],
    ['2 mrt. 2023', '2023-03-02', 'day', '2023-03-02T00:00:00.000+01:00', '2023-03-02T23:59:59.999+01:00'],
    ['donderdag 2 maart 2023 14.05 uur', '2023-03-02T14:05', 'minute', '2023-03-02T14:05:00.000+01:00', '2023-03-02T14:05:59.999+01:00'],
    ['2 sept 2023', '2023-09-02', 'day', '2023-09-02T00:00:00.000+02:00', '2023-09-02T23:59:59.999+02:00'],
    ['2.3.2023', '2023-03-02', 'day', '2023-03-02T00:00:00.000+01:00', '2023-03-02T23:59:59.999+01:00'],
    ['2-3-23', '2023-03-02', 'day', '2023-03-02T00:00:00.000+01:00', '2023-03-02T23:59:59.999+01:00'],
    ['1 juli 2023 om 09:30', '2023-07-01T09:30', 'minute', '2023-07-01T09:30:00.000+02:00', '2023-07-01T09:30:59.999+02:00'],
  ])('%s is %s with precision %s, from %s to %s', (text, value, precision, start, end) => {
    expect(parsePublishedDate(text)).toMatchObject({ value, precision, start, end });
  });

  it('reads a time without an offset in the configured zone, and says so', () => {
    expect(parsePublishedDate('2023-07-01 12:00', 'America/New_York')).toMatchObject({
      timezone: 'America/New_York',
      implied: true,
      start: '2023-07-01T12:00:00.000-04:00',
    });
    expect(parsePublishedDate('2023-07-01 12:00 +0200')).toMatchObject({ timezone: '+02:00', implied: false });
  });

  it('warns about a local time that happens twice', () => {
    expect(parsePublishedDate('29 oktober 2023 02:30').warnings).toEqual([
      '02:30 happens twice on 2023-10-29 in Europe/Amsterdam (the clocks go back); read as the first, +02:00',
    ]);
  });

  it.each([
    ['2023-13', 'month 13 does not exist (1–12)'],
    ['2023-00', 'month 0 does not exist (1–12)'],
    ['2023-02-29', 'februari 2023 has no day 29 (1–28)'],
    ['31 februari 2023', 'februari 2023 has no day 31 (1–28)'],
    ['2023-03-02T24:00', 'hour 24 does not exist (0–23)'],
    ['0000-03', 'year 0000 does not exist (the calendar starts at 1)'],
  ])('%s is refused: %s', (text, message) => {
    expect(() => parsePublishedDate(text)).toThrow(new DateError(message));
  });

  it('refuses an offset that does not exist', () => {
    expect(() => parsePublishedDate('2023-03-02T14:05+2500')).toThrow(new DateError('offset +2500 does not exist (at most ±14:00)'));
  });

  it('reads a mail header with a zone name after the offset', () => {
    expect(parsePublishedDate('Fri, 03 Mar 2023 14:05:00 +0100 (CET)')).toMatchObject({ value: '2023-03-03T14:05:00+01:00', timezone: '+01:00' });
  });

  it('refuses what is no date, saying which forms it takes', () => {
    expect(() => parsePublishedDate('maart')).toThrow(/"maart" is not a date; expected a date such as 2023, 2023-03/);
  });
});

describe('where the header ends', () => {
  it.each([
    ['2023-03 De Amerikaanse minister', '2023-03', ' De Amerikaanse minister'],
    ['vrijdag 3 maart 2023 14:05 Het kabinet', 'vrijdag 3 maart 2023 14:05', ' Het kabinet'],
    ['2023-03 2 mensen raakten gewond', '2023-03', ' 2 mensen raakten gewond'],
    ['31 februari 2023 Het kabinet', '31 februari 2023', ' Het kabinet'],
    ['2023-03-02 14.05 uur Het kabinet', '2023-03-02 14.05 uur', ' Het kabinet'],
    ['3 maart 2023 UT Austin meldt', '3 maart 2023', ' UT Austin meldt'],
    ['2 maart 2023 1.10 meter sneeuw', '2 maart 2023', ' 1.10 meter sneeuw'],
  ])('%s', (line, dateText, rest) => {
    expect(splitDateHeader(line)).toEqual({ dateText, rest });
  });
});

describe('the dates command', () => {
  it('prints a header as JSON, with its warnings', async () => {
    const result = await runCli(['dates', '--header', 'date zondag 26 maart 2023 02:30'], process.env);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      value: '2023-03-26T02:30',
      precision: 'minute',
      start: '2023-03-26T03:30:00.000+02:00',
      end: '2023-03-26T03:30:59.999+02:00',
      timezone: 'Europe/Amsterdam',
      warnings: ['02:30 does not exist on 2023-03-26 in Europe/Amsterdam (the clocks skip it); read as 03:30+02:00'],
    });
  });

  it('exits non-zero with the reason for an impossible date, naming it', async () => {
    const result = await runCli(['dates', '--header', '31 februari 2023'], process.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('news-ingest: "31 februari 2023": februari 2023 has no day 31 (1–28)\n');
  });

  it('finds the time expressions of a text given as arguments or on stdin', async () => {
    const expected = [{ text: 'vrijdag', start: 12, end: 19, type: 'DATE', value: '2022-WXX-5' }];
    const argument = await runCli(['dates', '--dct', '2022-01', 'Blinken zal vrijdag vertrekken.'], process.env);
    expect(JSON.parse(argument.stdout)).toEqual(expected);
    const stdin = await runCli(['dates', '--dct', '2022-01'], process.env, 'Blinken zal vrijdag vertrekken.');
    expect(JSON.parse(stdin.stdout)).toEqual(expected);
  });
});
