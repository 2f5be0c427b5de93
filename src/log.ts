export type Fields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

function format(level: string, scope: string, message: string, fields: Fields = {}): string {
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' && /[\s"=]/.test(value) ? JSON.stringify(value) : String(value)}`);
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
