/** One log line as the program writes it when its output is not a terminal. */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  time: string;
  scope: string;
  msg: string;
  [field: string]: unknown;
}

/** The JSON log lines in a process's output, in order; any other line (a command's report) is passed over. */
export function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{"level":'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** The log lines whose message is `msg`. */
export const logged = (output: string, msg: string) => logLines(output).filter((line) => line.msg === msg);
