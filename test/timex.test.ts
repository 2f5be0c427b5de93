import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/article/parse.ts';
import { parsePublishedDate } from '../src/dates/published.ts';
import { isoDateOf } from '../src/dates/timex/days.ts';
import { type DocumentDate, documentDateOf, findTimeExpressions } from '../src/dates/timex/find.ts';
import { easterOf } from '../src/dates/timex/holidays.ts';
import { FIXTURES, REPO_ROOT } from './support/environment.ts';
import { seedsGold } from './support/gold.ts';

interface DevCase {
  /** In dates-cases.json: which kind of expression the case is about. */
  class?: string;
  sentence: string;
  expected: { text: string; type: string; value_day_dct: string; value_month_dct: string; mod?: string }[];
}
const casesIn = (file: string) => (JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as { cases: DevCase[] }).cases;

const DAY = { year: 2022, month: 1, day: 18 };
const MONTH = { year: 2022, month: 1 };
const found = (text: string, dct: DocumentDate = DAY) =>
  findTimeExpressions(text, dct).map(({ text, type, value, mod }) => ({ text, type, value, ...(mod && { mod }) }));

/** Each case's expressions, valued against the day and against only the month; offsets that point at the text. */
function runCases(cases: DevCase[]): void {
  it.each(cases)('$sentence', ({ sentence, expected }) => {
    const want = (key: 'value_day_dct' | 'value_month_dct') =>
      expected.map((e) => ({ text: e.text, type: e.type, value: e[key], ...(e.mod && { mod: e.mod }) }));
    expect(found(sentence, DAY)).toEqual(want('value_day_dct'));
    expect(found(sentence, MONTH)).toEqual(want('value_month_dct'));
  });

  it('keeps offsets that point at the text', () => {
    for (const { sentence } of cases) {
      for (const expression of findTimeExpressions(sentence, DAY)) expect(sentence.slice(expression.start, expression.end)).toBe(expression.text);
    }
  });
}

describe('time expressions: the development cases', () => runCases(casesIn('dates-dev.json')));

const written = casesIn('dates-cases.json');
describe.each([...new Set(written.map((c) => c.class))])('time expressions: the cases of this project, %s', (kind) =>
  runCases(written.filter((c) => c.class === kind)),
);

describe('time expressions: the seed articles', () => {
  it.each(seedsGold.documents)('$file', ({ file, timex }) => {
    const article = parseArticleFile(readFileSync(path.join(REPO_ROOT, 'seeds', file)));
    const dct = documentDateOf(parsePublishedDate(article.dateText));
    expect(found(article.text, dct)).toEqual(timex.map(({ text, type, value }) => ({ text, type, value })));
  });
});

describe('time expressions', () => {
  it('takes no Dutch word for a weekday abbreviation, and no number for a time', () => {
    expect(found('Het is zo vrij dat hij zat te wachten; Ma en do zijn er di wo ook.')).toEqual([]);
    expect(found('Er vielen 100.000 doden en de prijs steeg 150 procent.')).toEqual([]);
    expect(found('Na het 2 uur durende overleg.')).toEqual([{ text: '2 uur', type: 'DURATION', value: 'PT2H' }]);
  });

  it('lets each clause decide which way a weekday looks', () => {
    expect(found('Vrijdag zei de minister dat hij vrijdag zal vertrekken.')).toEqual([
      { text: 'Vrijdag', type: 'DATE', value: '2022-01-14' },
      { text: 'vrijdag', type: 'DATE', value: '2022-01-21' },
    ]);
    expect(found('Op 24 februari zal het leger oefenen.')[0]!.value).toBe('2022-02-24');
  });

  it('reads Dutch numbers whole, and never starts inside one', () => {
    expect(found('Hij kreeg 1,5 jaar cel.')).toEqual([{ text: '1,5 jaar', type: 'DURATION', value: 'P1.5Y' }]);
    expect(found('Dat is 3.000 jaar geleden gebouwd.')).toEqual([]);
    expect(found('De prijs steeg naar 12.50 euro; hij sprong 2.05 meter; op 3.12.2023 was het zover.')).toEqual([
      { text: '3.12.2023', type: 'DATE', value: '2023-12-03' },
    ]);
    expect(found('Versie 1.5.21 kwam uit; de koers was 10.1.2001.5.')).toEqual([]);
    expect(found('Dat gebeurde 300000 jaar geleden.')).toEqual([]);
  });

  it('takes "over" for a point in time only when it counts from now', () => {
    expect(found('Over een kwartier sluit het stembureau.')).toEqual([{ text: 'Over een kwartier', type: 'TIME', value: '2022-01-18TXX:XX' }]);
    for (const clock of ['Het was iets over zeven uur.', 'Het was vijf over zeven uur.', 'Om kwart over tien uur.']) {
      expect(found(clock).filter((expression) => expression.value.includes('TXX'))).toEqual([]);
    }
  });

  it('invents no day the calendar lacks', () => {
    expect(found('Hij overleed op 31 april.')).toEqual([]);
    expect(found('Op 29 februari zal het gebeuren.')[0]!.value).toBe('2024-02-29');
  });

  it('reads the part of the day a clock time is in', () => {
    expect(found('Om acht uur \'s avonds.')[0]!.value).toBe('2022-01-18T20:00');
    expect(found('Om half een \'s nachts.')[0]!.value).toBe('2022-01-18T00:30');
    expect(found('Om twaalf uur \'s nachts.')[0]!.value).toBe('2022-01-18T00:00');
    expect(found('Om 9.30 begint het.')[0]!.value).toBe('2022-01-18T09:30');
  });

  it('takes "morgen" after an article or adjective for the morning, and a capitalized month for a name', () => {
    expect(found('Die morgen vertrok hij vroeg. Een mooie morgen.')).toEqual([]);
    expect(found('Dan zijn we morgen klaar.')).toEqual([{ text: 'morgen', type: 'DATE', value: '2022-01-19' }]);
    expect(found('Het boek van Mei, een voorkeur voor april.')).toEqual([]);
  });

  it('keeps the clock time of a day counted from the story', () => {
    expect(found('De volgende dag om 10 uur vertrok hij.', MONTH)).toEqual([{ text: 'De volgende dag om 10 uur', type: 'TIME', value: 'XXXX-XX-XXT10:00' }]);
  });

  it('reads the present tense, and a reported "dat" clause, as looking ahead', () => {
    expect(found('Vrijdag vinden de verkiezingen plaats.')[0]!.value).toBe('2022-01-21');
    expect(found('Maandag worden de namen bekendgemaakt.')[0]!.value).toBe('2022-01-24');
    expect(found('Het kabinet wil vrijdag zijn plannen bespreken.')[0]!.value).toBe('2022-01-21');
    expect(found('De minister zei dat hij vrijdag komt.')[0]!.value).toBe('2022-01-21');
  });

  it('lets "sinds" look back and "tot" ahead, whatever the verb', () => {
    expect(found('Sinds maandag is hij ziek.')[0]!.value).toBe('2022-01-17');
    expect(found('Sinds februari stijgen de prijzen.')[0]!.value).toBe('2021-02');
    expect(found('Tot vrijdag blijft het koud, zei hij.')[0]!.value).toBe('2022-01-21');
  });

  it.each([
    ['Afgelopen weekend was het rustig.', 'Afgelopen weekend', 'DATE', '2022-W02-WE'],
    ['Het eerste kwartaal van 2022 was goed.', 'Het eerste kwartaal van 2022', 'DATE', '2022-Q1'],
    ['Vorig kwartaal daalde de omzet.', 'Vorig kwartaal', 'DATE', '2021-Q4'],
    ['Deze zomer gaat het gebeuren.', 'Deze zomer', 'DATE', '2022-SU'],
    ['In 2019 was dat anders.', '2019', 'DATE', '2019'],
    ['Over twee weken komt hij.', 'Over twee weken', 'DATE', '2022-W05'],
    ['Drie dagen later vertrok hij.', 'Drie dagen later', 'DATE', '2022-01-21'],
    ['Vanavond spreekt de premier.', 'Vanavond', 'TIME', '2022-01-18TEV'],
    ['Gisteravond was het raak.', 'Gisteravond', 'TIME', '2022-01-17TEV'],
    ['Om drie uur begint het.', 'drie uur', 'TIME', '2022-01-18T15:00'],
    ['Om kwart over vier begint het.', 'kwart over vier', 'TIME', '2022-01-18T16:15'],
    ['Morgen om tien uur begint het.', 'Morgen om tien uur', 'TIME', '2022-01-19T10:00'],
    ['De Kamer vergadert elke maandag.', 'elke maandag', 'SET', 'XXXX-WXX-1'],
    ['Hij traint dagelijks.', 'dagelijks', 'SET', 'P1D'],
    ['De afgelopen twee weken was het druk.', 'De afgelopen twee weken', 'DURATION', 'P2W'],
    ['Hij zat anderhalf jaar vast.', 'anderhalf jaar', 'DURATION', 'P1.5Y'],
    ['Vroeger was alles beter.', 'Vroeger', 'DATE', 'PAST_REF'],
    ['Nu is het anders.', 'Nu', 'DATE', 'PRESENT_REF'],
    ['De jaren tachtig waren wild.', 'De jaren tachtig', 'DATE', '198'],
    ['In de negentiende eeuw was dat anders.', 'de negentiende eeuw', 'DATE', '18'],
    ['Vorige eeuw was dat anders.', 'Vorige eeuw', 'DATE', '19'],
    ['In de zomer gaat het gebeuren.', 'de zomer', 'DATE', '2022-SU'],
    ['In het voorjaar was het koud.', 'het voorjaar', 'DATE', '2021-SP'],
    ['De eerste helft van 2022 was goed.', 'De eerste helft van 2022', 'DATE', '2022-H1'],
    ['Hij sprak een half uur.', 'een half uur', 'DURATION', 'PT30M'],
    ['Het besluit van 18-01-2022 geldt nog.', '18-01-2022', 'DATE', '2022-01-18'],
    ['Het besluit van 2021-12-31 geldt nog.', '2021-12-31', 'DATE', '2021-12-31'],
  ])('%s', (sentence, text, type, value) => {
    expect(found(sentence)).toEqual([{ text, type, value }]);
  });

  it('marks begin, half and end', () => {
    expect(found('Eind vorig jaar en medio 2021 en half maart.')).toEqual([
      { text: 'Eind vorig jaar', type: 'DATE', value: '2021', mod: 'END' },
      { text: 'medio 2021', type: 'DATE', value: '2021', mod: 'MID' },
      { text: 'half maart', type: 'DATE', value: '2022-03', mod: 'MID' },
    ]);
  });

  it('gives the range of days an expression can mean, whole when the publication date is a month', () => {
    const [friday] = findTimeExpressions('Blinken zal vrijdag vertrekken.', MONTH);
    expect(friday).toMatchObject({ value: '2022-WXX-5', firstDay: '2022-01-07', lastDay: '2022-02-04' });
    const [week] = findTimeExpressions('Vorige week werd er onderhandeld.', DAY);
    expect(week).toMatchObject({ value: '2022-W02', firstDay: '2022-01-10', lastDay: '2022-01-16' });
    const [duration] = findTimeExpressions('Het duurde zes maanden lang.', DAY);
    expect(duration).not.toHaveProperty('firstDay');
  });

  it('computes Easter, and the days that move with it, for any Gregorian year', () => {
    const easter = { 1818: '1818-03-22', 1943: '1943-04-25', 2000: '2000-04-23', 2008: '2008-03-23', 2019: '2019-04-21', 2038: '2038-04-25' };
    for (const [year, day] of Object.entries(easter)) expect(isoDateOf(easterOf(Number(year)))).toBe(day);
    expect(found('Pinksteren 2038 en Hemelvaart 2008.').map((e) => e.value)).toEqual(['2038-06-13', '2008-05-01']);
  });

  it('reads an article dated only to the year', () => {
    expect(found('Vorige maand werd het bekend.', { year: 2022 })).toEqual([{ text: 'Vorige maand', type: 'DATE', value: 'XXXX-XX' }]);
  });
});
