export type Fields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/** Control characters (C0, DEL, C1): in a file name or an article, they must not reach a terminal as they are. */
const CONTROL = '\\u0000-\\u001f\\u007f-\\u009f';
const controls = new RegExp(`[${CONTROL}]`, 'g');
const needsQuoting = new RegExp(`[\\s"=${CONTROL}]`);

/** `value` with its control characters spelt out (`\u001b`): a file name cannot move the cursor or split a line. */
export const printable = (value: string) => value.replace(controls, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

function format(level: string, scope: string, message: string, fields: Fields = {}): string {
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' && needsQuoting.test(value) ? printable(JSON.stringify(value)) : String(value)}`);
  return [new Date().toISOString(), level, `[${scope}]`, message, ...pairs].join(' ');
}

/** One line per event, `key=value` fields: readable in a terminal, greppable in journald. */
export function createLogger(scope: string): Logger {
  return {
    info: (message, fields) => console.log(format('info ', scope, message, fields)),
    warn: (message, fields) => console.warn(format('warn ', scope, message, fields)),
    error: (message, fields) => console.error(format('error', scope, message, fields)),
  };
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
