import { z } from 'zod';

export const precisionSchema = z.enum(['year', 'month', 'day', 'minute', 'second']);
export type Precision = z.infer<typeof precisionSchema>;

export const publishedDateSchema = z.object({
  /** ISO 8601 cut to the precision: `2023`, `2023-03`, `2023-03-02`, `2023-03-02T14:05+01:00`. */
  value: z.string(),
  precision: precisionSchema,
  /** The first calendar day the value covers: `2023-03` → `2023-03-01`. */
  date: z.iso.date(),
});
export type PublishedDate = z.infer<typeof publishedDateSchema>;

export class DateError extends Error {
  override name = 'DateError';
}

const ISO =
  /^(?<year>\d{4})(?:-(?<month>\d{2})(?:-(?<day>\d{2})(?:[T ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?<offset>Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function check(value: number, min: number, max: number, what: string): void {
  if (value < min || value > max) throw new DateError(`${what} ${value} does not exist (${min}–${max})`);
}

/**
 * Parses a publication date written in ISO 8601 (year, month, day, optionally time and offset)
 * and keeps its precision: `2023-03` is March 2023, never an invented first of March.
 */
export function parsePublishedDate(text: string): PublishedDate {
  const trimmed = text.trim();
  const match = ISO.exec(trimmed);
  if (!match?.groups) {
    throw new DateError(
      `"${trimmed}" is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD, optionally with a time`,
    );
  }
  const { year, month, day, hour, minute, second, offset } = match.groups;
  const y = Number(year);
  if (month !== undefined) check(Number(month), 1, 12, 'month');
  if (month !== undefined && day !== undefined) {
    check(Number(day), 1, daysInMonth(y, Number(month)), `day of ${year}-${month}:`);
  }
  if (hour !== undefined) check(Number(hour), 0, 23, 'hour');
  if (minute !== undefined) check(Number(minute), 0, 59, 'minute');
  if (second !== undefined) check(Number(second), 0, 59, 'second');

  const date = `${year}-${month ?? '01'}-${day ?? '01'}`;
  if (hour !== undefined) {
    const zone = offset === undefined ? '' : offset === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const time = `${hour}:${minute}${second === undefined ? '' : `:${second}`}`;
    return { value: `${date}T${time}${zone}`, precision: second === undefined ? 'minute' : 'second', date };
  }
  if (day !== undefined) return { value: date, precision: 'day', date };
  if (month !== undefined) return { value: `${year}-${month}`, precision: 'month', date };
  return { value: String(year), precision: 'year', date };
}
