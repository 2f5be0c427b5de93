import { pino } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { LogLevel } from './config.ts';

export type Fields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/** Control characters (C0, DEL, C1): in a file name or an article, they must not reach a terminal as they are. */
const CONTROL = '\\u0000-\\u001f\\u007f-\\u009f';
const controls = new RegExp(`[${CONTROL}]`, 'g');
/** The control characters JSON lets through unescaped: it escapes only C0. */
const unescapedByJson = /[\u007f-\u009f]/g;

const spelt = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `value` with its control characters spelt out (`\u001b`): a file name cannot move the cursor or split a line. */
export const printable = (value: string) => value.replace(controls, spelt);

/** Where lines go: `process.stdout` or `process.stderr`, or a stand-in. */
export interface LineSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * JSON lines for a pipe or a file (journald, Docker, a log shipper), or a coloured line per event
 * for a terminal. In JSON, DEL and C1 characters are escaped as `\u007f` and so on: the line parses
 * to the same values, and `tail` shows no raw control character. In the terminal, every string is
 * shown with its control characters spelt out.
 */
export function lineWriter(sink: LineSink): { write(line: string): void } {
  if (!sink.isTTY) return { write: (line) => void sink.write(line.replace(unescapedByJson, spelt)) };
  const pretty = prettyFactory({ colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'scope', messageFormat: '[{scope}] {msg}' });
  return {
    write(line) {
      const record = JSON.parse(line) as Record<string, unknown>;
      footer?.clear();
      sink.write(pretty(Object.fromEntries(Object.entries(record).map(([key, value]) => [key, typeof value === 'string' ? printable(value) : value]))));
      footer?.redraw();
    },
  };
}

/** A line kept at the bottom of the terminal (a progress bar): log lines are written above it. */
export interface TerminalFooter {
  clear(): void;
  redraw(): void;
}

let footer: TerminalFooter | undefined;

/** Keeps `line` below the log lines written to a terminal from now on; undefined lets it go. */
export function setTerminalFooter(line: TerminalFooter | undefined): void {
  footer = line;
}

/**
 * Info lines go to stdout, warnings and errors to stderr (as a command's user expects). Both write
 * files, pipes and terminals at once on Linux: a line logged just before `process.exit` is not lost.
 */
const root = pino(
  {
    level: 'info',
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  pino.multistream(
    [
      { level: 'info', stream: lineWriter(process.stdout) },
      { level: 'warn', stream: lineWriter(process.stderr) },
    ],
    { dedupe: true },
  ),
);

/** Sets the level of every logger, made before or after (`LOG_LEVEL`, once the configuration is read). */
export function setLogLevel(level: LogLevel): void {
  root.level = level;
}

/** One JSON line per event: `level`, `time`, `scope` (the part of the program), the fields, then `msg`. */
export function createLogger(scope: string): Logger {
  const write = (level: LogLevel) => (message: string, fields?: Fields) => root[level]({ scope, ...fields }, message);
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

/** Reports a repeating error once, and again only when its message changes (a Redis outage). */
export function onceUntilChanged(report: (error: Error) => void): (error: Error) => void {
  let last: string | undefined;
  return (error) => {
    if (error.message === last) return;
    last = error.message;
    report(error);
  };
}
