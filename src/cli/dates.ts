import { text as readStream } from 'node:stream/consumers';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { DateError, parsePublishedDate } from '../dates/published.ts';
import { documentDateOf, findTimeExpressions } from '../dates/timex/find.ts';

/** A header's date, or the reason it is none, naming the header. */
function parseHeader(header: string, timezone: string) {
  const dateText = header.trim().replace(/^date\s+/i, '');
  try {
    return parsePublishedDate(dateText, timezone);
  } catch (error) {
    if (error instanceof DateError && !error.message.startsWith('"')) throw new DateError(`"${dateText}": ${error.message}`);
    throw error;
  }
}

export function addDatesCommand(program: Command, config: () => Config): void {
  program
    .command('dates')
    .description('normalize a publication date (--header), or find and normalize the time expressions of a text (--dct)')
    .option('--header <text>', 'a date header as articles write it ("2 maart 2023", "date 2023-03"): prints its value, precision, range and zone')
    .option('--dct <date>', 'the publication date the text is relative to (any header form; 2022-01 is month-precise)')
    .argument('[text...]', 'with --dct: the text (read from stdin when not given)')
    .action(async (words: string[], options: { header?: string; dct?: string }) => {
      if (options.header !== undefined) {
        const { value, precision, start, end, timezone, warnings } = parseHeader(options.header, config().timezone);
        console.log(JSON.stringify({ value, precision, start, end, timezone, warnings }, null, 2));
        return;
      }
      if (options.dct === undefined) throw new DateError('give --header "<date>" or --dct <date> "<text>"');
      const dct = documentDateOf(parseHeader(options.dct, config().timezone));
      const text = words.length > 0 ? words.join(' ') : await readStream(process.stdin);
      const expressions = findTimeExpressions(text, dct).map(({ text, start, end, type, value, mod }) => ({ text, start, end, type, value, ...(mod && { mod }) }));
      console.log(JSON.stringify(expressions, null, 2));
    });
}
