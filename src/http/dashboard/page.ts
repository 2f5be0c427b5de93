import { html } from 'hono/html';
import { QUEUE_NAMES } from '../../jobs/queues.ts';
import { hourlyChart } from './chart.ts';
import { LIMITS, type Overview } from './overview.ts';

/** What a retry did, shown once on the page it leads back to. */
export interface Notice {
  file: string;
  outcome: string;
}

const STYLE = `
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.8rem; }
  table { border-collapse: collapse; } th, td { text-align: left; padding: .2rem .8rem .2rem 0; border-bottom: 1px solid #ddd; vertical-align: top; }
  td.n, th.n { text-align: right; }
  .chart rect { fill: #3b73b9; } .chart text { font-size: 10px; fill: #555; } .chart line { stroke: #999; }
  .notice { background: #eef6ee; padding: .5rem; } .muted { color: #777; }
  code { overflow-wrap: anywhere; }
`;

const number = (value: number) => value.toLocaleString('en');
const orDash = (value: number | null, unit = '') => (value === null ? '—' : `${number(Math.round(value))}${unit}`);

const OUTCOMES: Record<string, string> = {
  returned: 'is back in the inbox and will be taken again',
  left: 'stays in failed/: the inbox holds a file of that name already',
  'not found': 'is not in failed/ (any more)',
};

function queuesTable(overview: Overview) {
  const states = ['waiting', 'active', 'completed', 'failed', 'delayed'] as const;
  return html`<table>
  <tr><th>queue</th>${states.map((state) => html`<th class="n">${state}</th>`)}</tr>
  ${QUEUE_NAMES.map((name) => html`<tr><td>${name}</td>${states.map((state) => html`<td class="n">${number(overview.queues[name][state])}</td>`)}</tr>`)}
</table>`;
}

function stagesTable(overview: Overview) {
  const { latency } = overview;
  return html`<table id="stages">
  <tr><th>stage</th><th class="n">in it now</th><th class="n">passed</th><th class="n">failed</th><th class="n">passed per minute (last 5 min)</th><th class="n">ms per article (last 5 min)</th></tr>
  ${overview.stages.map(
    (stage) =>
      html`<tr><td>${stage.stage}</td><td class="n">${number(stage.active)}</td><td class="n">${number(stage.passed)}</td><td class="n">${number(stage.failed)}</td><td class="n">${orDash(stage.perMinute)}</td><td class="n">${stage.meanMs === null ? '—' : stage.meanMs.toFixed(1)}</td></tr>`,
  )}
</table>
<p>${overview.workers} worker process(es) running. From queue to commit, the ${number(latency.articles)} article(s) stored in the last ${LIMITS.latencyMinutes} minutes took
  ${orDash(latency.p50, ' ms')} (median), ${orDash(latency.p95, ' ms')} (95th percentile), ${orDash(latency.max, ' ms')} at most.</p>`;
}

function failedTable(overview: Overview, readOnly: boolean) {
  const { files, more } = overview.failed;
  if (files.length === 0) return html`<p class="muted">None.</p>`;
  return html`<table id="failed">
  <tr><th>file</th><th>stage</th><th>reason</th><th>failed at</th>${readOnly ? '' : html`<th></th>`}</tr>
  ${files.map(
    (file) => html`<tr>
    <td><code>${file.file}</code></td><td>${file.stage ?? '—'}</td><td>${file.reason ?? html`<span class="muted">no explanation file</span>`}</td><td>${file.failedAt ?? '—'}</td>
    ${readOnly ? '' : html`<td><form method="post" action="failed/retry"><input type="hidden" name="file" value="${file.file}"><button type="submit">retry</button></form></td>`}
  </tr>`,
  )}
</table>
${more ? html`<p class="muted">The first ${LIMITS.failedFiles} files of failed/ are listed; there are more.</p>` : ''}`;
}

function databaseSection(overview: Overview) {
  const { database, entityTypes } = overview;
  return html`<table>
  <tr><td>articles</td><td class="n">${number(database.articles)}</td></tr>
  <tr><td>entities</td><td class="n">${number(database.entities)}</td></tr>
  ${Object.entries(entityTypes).map(([type, count]) => html`<tr><td>&nbsp;&nbsp;${type}</td><td class="n">${number(count)}</td></tr>`)}
  <tr><td>mentions</td><td class="n">${number(database.mentions)}</td></tr>
</table>
<h3>Articles per extractor version</h3>
<table>
  ${Object.entries(database.byExtractor).map(([extractor, count]) => html`<tr><td><code>${extractor}</code></td><td class="n">${number(count)}</td></tr>`)}
</table>`;
}

/**
 * The dashboard's own page: what Bull Board does not show. Every value is put in through `html`,
 * which escapes it: file names and reasons come from strangers' files.
 */
export function overviewPage(overview: Overview, options: { readOnly: boolean; notice?: Notice }) {
  const { backlog } = overview;
  const notice = options.notice;
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>news-ingest dashboard</title><style>${STYLE}</style></head>
<body>
<h1>news-ingest</h1>
<p><a href="queues">Queues (Bull Board): jobs, retries, failed reasons, schedulers</a> · <a href="metrics">Metrics</a>${options.readOnly ? html` · <strong>read-only</strong>` : ''}</p>
${notice ? html`<p class="notice" id="notice"><code>${notice.file}</code> ${OUTCOMES[notice.outcome] ?? notice.outcome}</p>` : ''}
<h2>Queues</h2>
${queuesTable(overview)}
<h2>Stages</h2>
${stagesTable(overview)}
<h2>Articles stored per hour</h2>
${hourlyChart(overview.perHour)}
<p class="muted">The last ${LIMITS.hours} hours, UTC.</p>
<h2>Inbox</h2>
<p id="backlog">${backlog.more ? `${number(backlog.count)}+` : number(backlog.count)} file(s) wait in the inbox.</p>
<h2>Failed files</h2>
${failedTable(overview, options.readOnly)}
<h2>Database</h2>
${databaseSection(overview)}
</body>
</html>`;
}
