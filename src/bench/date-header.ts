import { MONTHS, WEEKDAYS } from './phrases.ts';
import type { Random } from './random.ts';

const FIRST_DAY = Date.UTC(2010, 0, 1);
const LAST_DAY = Date.UTC(2024, 11, 31);
const DAY_MS = 86_400_000;

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A publication date somewhere in fifteen years, written as feeds write it: mostly an ISO day,
 * sometimes only the month, with a time (never in the night, when clocks change), or in Dutch
 * words with its weekday.
 */
export function randomDateHeader(random: Random): string {
  const day = new Date(FIRST_DAY + random.int(0, (LAST_DAY - FIRST_DAY) / DAY_MS) * DAY_MS);
  const [year, month, date] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  const iso = `${year}-${pad(month)}-${pad(date)}`;
  const form = random.next();
  if (form < 0.55) return iso;
  if (form < 0.7) return iso.slice(0, 7);
  if (form < 0.85) return `${iso}T${pad(random.int(6, 22))}:${pad(random.int(0, 59))}`;
  // getUTCDay counts from Sunday.
  return `${WEEKDAYS[(day.getUTCDay() + 6) % 7]} ${date} ${MONTHS[month - 1]} ${year}`;
}
