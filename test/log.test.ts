import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineWriter, printable } from '../src/log.ts';
import { runCli } from './support/cli.ts';
import { useTestEnvironment } from './support/environment.ts';
import { logged, logLines } from './support/logs.ts';

const environment = useTestEnvironment();

const HOSTILE = 'inbox/a\u001b[2J\u009b\u007f\nb.txt';
const RECORD = { level: 'info', time: '2024-05-02T10:00:00.000Z', scope: 'test', file: HOSTILE, msg: 'stored' };
/** Any control character but the newline that ends a line. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function written(isTTY: boolean): string {
  let text = '';
  lineWriter({ isTTY, write: (chunk) => (text += chunk) }).write(`${JSON.stringify(RECORD)}\n`);
  return text;
}

describe('log lines and printed names', () => {
  it('spell out control characters, so that a file name can neither split a line nor drive the terminal', () => {
    expect(printable('een\nnaam\u001b[2J\u009b\u007f.txt')).toBe('een\\u000anaam\\u001b[2J\\u009b\\u007f.txt');
    expect(printable('gewoon café.txt')).toBe('gewoon café.txt');
  });

  it('are JSON with every control character escaped when the output is not a terminal, and parse back to the same values', () => {
    const line = written(false);
    expect(line).toMatch(/^\{.*\}\n$/);
    expect(line.slice(0, -1)).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(line)).toEqual(RECORD);
  });

  it('are one coloured line each in a terminal, with control characters spelt out', () => {
    const line = written(true);
    const uncoloured = line.replace(/\u001b\[\d+m/g, '');
    expect(uncoloured.slice(0, -1)).not.toMatch(RAW_CONTROL);
    expect(uncoloured).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[test\] stored \{"file":"inbox\/a\\u001b\[2J\\u009b\\u007f\\u000ab\.txt"\}\n$/);
  });

  it('carry level, time, scope and message, one JSON object a line', async () => {
    const result = await runCli(['migrate'], environment.env);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual(logLines(result.stdout));
    const [line] = logLines(result.stdout);
    expect(line).toEqual({ level: 'info', time: expect.any(String), scope: 'news-ingest', msg: 'schema is up to date' });
    expect(new Date(line!.time).toISOString()).toBe(line!.time);
  });

  it('below LOG_LEVEL are not written', async () => {
    const folder = path.join(environment.dir, 'levels');
    await mkdir(folder);
    await writeFile(path.join(folder, 'article.txt'), ' date 2024-03 Mark Rutte sprak in Den Haag.');
    await symlink(path.join(folder, 'article.txt'), path.join(folder, 'link.txt'));

    const everything = await runCli(['ingest', folder], environment.env);
    expect(logged(everything.stdout, 'ingest done')).toHaveLength(1);
    expect(logged(everything.stderr, 'skipped')).toEqual([expect.objectContaining({ level: 'warn', file: path.join(folder, 'link.txt') })]);

    const warnings = await runCli(['ingest', folder], { ...environment.env, LOG_LEVEL: 'warn' });
    expect(warnings.code).toBe(0);
    expect(warnings.stdout).toBe('');
    expect(logged(warnings.stderr, 'skipped')).toEqual([expect.objectContaining({ level: 'warn', file: path.join(folder, 'link.txt') })]);
  });
});
