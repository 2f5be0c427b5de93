import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleError } from '../src/article/article.ts';
import { parseArticleFile } from '../src/article/parse.ts';
import { publishedDateOf } from '../src/article/published.ts';
import { REPO_ROOT } from './support/environment.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (text: string) => parseArticleFile(bytes(text));
const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ArticleError);
    return (error as Error).message;
  }
  throw new Error('expected an ArticleError');
};

describe('the text form', () => {
  it('reads the seed articles: header date, text on the same line, paragraphs and subheadings', () => {
    const article = parseArticleFile(readFileSync(path.join(REPO_ROOT, 'seeds/000_efed8caf83f9d982.txt')));
    expect(article.dateText).toBe('2023-03');
    expect(article.text.startsWith('De Amerikaanse en Russische ministers')).toBe(true);
    const texts = article.blocks.map((block) => [block.kind, article.text.slice(block.start, block.end)]);
    expect(texts.filter(([kind]) => kind === 'subheading')).toEqual([['subheading', 'Symbolische waarde']]);
    expect(texts).toHaveLength(6);
    expect(texts[0]?.[1]).toMatch(/^De Amerikaanse.*symbolische waarde\.$/s);
  });

  it('allows white space and blank lines before the header, and the text on the next line', () => {
    const article = parse('\n\n   date 2022-01\nBlinken zal vrijdag Lavrov ontmoeten.\n');
    expect(article.dateText).toBe('2022-01');
    expect(article.dateWhere).toBe('line 3 (date header)');
    expect(article.text).toBe('Blinken zal vrijdag Lavrov ontmoeten.');
  });

  it('refuses a file without a header, naming the line and what was found', () => {
    expect(errorOf(() => parse('\nHallo wereld, dit is geen artikel'))).toMatch(/^line 2: found "Hallo wereld.*expected a "date YYYY-MM" header/);
  });

  it('refuses a header with no text after it', () => {
    expect(errorOf(() => parse(' date 2023-03   \n\n'))).toBe('line 1: the date header is not followed by any article text');
  });

  it('refuses empty, blank, binary and non-UTF-8 files', () => {
    expect(errorOf(() => parseArticleFile(new Uint8Array()))).toMatch(/^the file is empty/);
    expect(errorOf(() => parse(' \n\t\n'))).toMatch(/^the file holds only white space/);
    expect(errorOf(() => parseArticleFile(Uint8Array.from([0x64, 0x61, 0x00, 0x01])))).toMatch(/^byte 2 is a NUL character/);
    expect(errorOf(() => parseArticleFile(Uint8Array.from([0x64, 0x61, 0xff, 0xfe, 0x41])))).toMatch(/not valid UTF-8/);
  });

  it('reads Latin-1 and Windows-1252 files as such, and says it converted them', () => {
    const latin1 = parseArticleFile(Buffer.from(' date 2023-03 De minister sprak in Genève over het café en de ruïne, zei Müller.', 'latin1'));
    expect([latin1.encoding, latin1.text]).toEqual(['windows-1252', 'De minister sprak in Genève over het café en de ruïne, zei Müller.']);
    // 0x80 is € and 0x93/0x94 are curly quotes in Windows-1252 (Latin-1 leaves them to control codes).
    const windows = parseArticleFile(Buffer.concat([Buffer.from(' date 2023-03 Het kost 5 ', 'latin1'), Buffer.from([0x80]), Buffer.from(', zei de minister in Genève: ', 'latin1'), Buffer.from([0x93]), Buffer.from('Te duur.', 'latin1'), Buffer.from([0x94])]));
    expect([windows.encoding, windows.text]).toEqual(['windows-1252', 'Het kost 5 €, zei de minister in Genève: “Te duur.”']);
    expect(parse(' date 2023-03 Genève, café.').encoding).toBe('utf-8');
  });

  it('refuses text in another encoding, naming the first byte that is not UTF-8 and what the file looks like', () => {
    // 「あいう日本語の文章です。」 in Shift_JIS, eight times: enough text for detection to be sure.
    const sentence = [0x82, 0xa0, 0x82, 0xa2, 0x82, 0xa4, 0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x95, 0xb6, 0x8f, 0xcd, 0x82, 0xc5, 0x82, 0xb7, 0x81, 0x42];
    const shiftJis = Buffer.concat([Buffer.from(' date 2023-03 '), Buffer.from(Array.from({ length: 8 }, () => sentence).flat())]);
    expect(errorOf(() => parseArticleFile(shiftJis))).toBe('byte 14 is not valid UTF-8, and it looks like Shift_JIS; save the file as UTF-8');
  });

  it('stores Windows and old Mac line endings as \\n', () => {
    const article = parse(' date 2023-03 Eerste alinea.\r\n\r\nTussenkop\r\n\r\nTweede alinea.\rNog een regel.\r\n');
    expect(article.text).toBe('Eerste alinea.\n\nTussenkop\n\nTweede alinea.\nNog een regel.');
    expect(article.blocks.map((block) => block.kind)).toEqual(['paragraph', 'subheading', 'paragraph']);
  });

  it('names the date header when the date is impossible', () => {
    const article = parse('date 2023-13 Tekst');
    expect(errorOf(() => publishedDateOf(article, 'Europe/Amsterdam'))).toBe('line 1 (date header) "2023-13": month 13 does not exist (1–12)');
  });
});

describe('the JSON form', () => {
  it('reads date, title, text, source and url', () => {
    const article = parse(
      JSON.stringify({ date: '2024-05-02', title: 'Kop', text: 'Eerste alinea.\n\nTussenkop\n\nTweede.', source: 'De Krant', url: 'https://example.org/a' }),
    );
    expect(article).toMatchObject({ format: 'json', dateText: '2024-05-02', title: 'Kop', source: 'De Krant', url: 'https://example.org/a' });
    expect(article.blocks.map((block) => block.kind)).toEqual(['paragraph', 'subheading', 'paragraph']);
  });

  it('stores the line endings a JSON text spells out as \\n', () => {
    expect(parse(JSON.stringify({ date: '2024-05-02', text: 'Eerste alinea.\r\n\r\nTweede.\r' })).text).toBe('Eerste alinea.\n\nTweede.');
  });

  it('names the field that is wrong or unknown', () => {
    expect(errorOf(() => parse('{"date": "2024-05", "text": 5}'))).toBe('JSON article: field "text" is a number; expected a string');
    expect(errorOf(() => parse('{"date": "2024-05"}'))).toBe('JSON article: field "text" is missing; expected a string');
    expect(errorOf(() => parse('{"date": "2024-05", "text": "x", "titel": "y"}'))).toMatch(/unknown field "titel"/);
    expect(errorOf(() => parse('{"date": "2024-05", "text": "x", "url": "geen url"}'))).toMatch(/field "url"/);
    expect(errorOf(() => parse('{"date": "2024-05", "text": "Mark Rutte\\u0000 sprak"}'))).toBe('JSON article: field "text" holds a NUL character (\\u0000); expected text');
    expect(errorOf(() => publishedDateOf(parse('{"date": "2023-02-31", "text": "x"}'), 'Europe/Amsterdam'))).toMatch(/^field "date" "2023-02-31": februari 2023 has no day 31 \(1–28\)$/);
  });

  it('reports broken JSON with its position', () => {
    expect(errorOf(() => parse('{"date": "2024-05",\n "text": }'))).toBe('not valid JSON: line 2, column 10: ValueExpected');
    expect(errorOf(() => parse('{"date": "2024-05", "text": "x",}'))).toBe('not valid JSON: line 1, column 33: PropertyNameExpected');
  });
});
