import { html } from 'hono/html';
import type { HourCount } from '../../db/queries.ts';

const WIDTH = 720;
const HEIGHT = 160;
/** Room below the bars for the hour labels, and above them for the top value. */
const AXIS = 18;
const TOP = 14;

const hourLabel = (hour: Date) => `${String(hour.getUTCHours()).padStart(2, '0')}:00`;

/**
 * A bar per hour, drawn on the server as inline SVG: the page needs no script and no chart library.
 * Each bar's title tells its hour and count; every sixth hour is labelled (UTC).
 */
export function hourlyChart(hours: readonly HourCount[]) {
  const most = Math.max(0, ...hours.map((hour) => hour.articles));
  const peak = Math.max(1, most);
  const slot = WIDTH / Math.max(1, hours.length);
  const plot = HEIGHT - AXIS - TOP;
  const bars = hours.map((hour, i) => {
    const height = (hour.articles / peak) * plot;
    const x = (i * slot).toFixed(1);
    return html`<rect x="${x}" y="${(TOP + plot - height).toFixed(1)}" width="${(slot * 0.8).toFixed(1)}" height="${height.toFixed(1)}"><title>${hour.hour.toISOString().slice(0, 13)}:00 UTC: ${hour.articles} articles</title></rect>`;
  });
  const labels = hours.flatMap((hour, i) => (hour.hour.getUTCHours() % 6 === 0 ? [html`<text x="${(i * slot).toFixed(1)}" y="${HEIGHT - 4}">${hourLabel(hour.hour)}</text>`] : []));
  const total = hours.reduce((sum, hour) => sum + hour.articles, 0);
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="articles stored per hour, last ${hours.length} hours: ${total} in all">
  <text x="0" y="10">at most ${most} in an hour</text>
  <line x1="0" y1="${TOP + plot + 0.5}" x2="${WIDTH}" y2="${TOP + plot + 0.5}" />
  ${bars}
  ${labels}
</svg>`;
}
