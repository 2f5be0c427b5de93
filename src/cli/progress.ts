import { setTerminalFooter } from '../log.ts';

/** Where progress goes: `process.stderr`, or a stand-in. */
export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` units of the total are done. */
  update(done: number): void;
  /** `count` more units are done. */
  add(count?: number): void;
  /** A line of its own, written above a bar. */
  note(line: string): void;
  /** Ends the bar (the last state stays on the screen) or writes the last plain line. */
  finish(): void;
}

export interface ProgressOptions {
  /** What is counted, as the lines say it: `files`, `epochs`. */
  unit: string;
  /** Unknown (a count that grows page by page): no bar, no ETA. */
  total?: number;
  sink?: ProgressSink;
  /** Away from a terminal, one line at most this often (ms). */
  lineEveryMs?: number;
  now?: () => number;
}

/** A terminal bar is not drawn for work done sooner: a quick command stays as quiet as before. */
const FIRST_DRAW_MS = 500;
const REDRAW_MS = 100;

const duration = (seconds: number) => {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
};
const rate = (perSecond: number) => (perSecond >= 10 ? Math.round(perSecond).toString() : perSecond.toFixed(1));

/**
 * Progress of long work with its rate and the time left: a bar redrawn in place on a terminal, and
 * away from one (a pipe, a log file) a plain line every `lineEveryMs`, so that logs stay readable.
 */
export function startProgress(label: string, options: ProgressOptions): Progress {
  const { unit, total, sink = process.stderr, lineEveryMs = 5000, now = Date.now } = options;
  const started = now();
  let done = 0;
  let drawn = false;
  let lastOutput = started;
  let linesWritten = 0;

  /** The counts and rate, then the time left, or once `finished` the time taken. */
  const summary = (finished = false) => {
    const seconds = (now() - started) / 1000;
    const perSecond = seconds > 0 ? done / seconds : 0;
    const parts = [total === undefined ? `${done} ${unit}` : `${done}/${total} ${unit} (${Math.floor((done / Math.max(total, 1)) * 100)} %)`];
    parts.push(`${rate(perSecond)} ${unit}/s`);
    if (!finished && total !== undefined && done < total && perSecond > 0) parts.push(`ETA ${duration((total - done) / perSecond)}`);
    else parts.push(`${duration(seconds)}`);
    return parts.join(', ');
  };

  // Work that stalls (a full queue waiting for workers) still shows its clock running.
  const heartbeat = (progress: Progress, everyMs: number) => {
    const timer = setInterval(() => progress.update(done), everyMs).unref();
    return () => clearInterval(timer);
  };

  if (!sink.isTTY) {
    const line = (finished = false) => {
      lastOutput = now();
      linesWritten += 1;
      sink.write(`${label}: ${summary(finished)}\n`);
    };
    const plain: Progress = {
      update(value) {
        done = value;
        if (now() - lastOutput >= lineEveryMs) line();
      },
      add(count = 1) {
        this.update(done + count);
      },
      note: (text) => void sink.write(`${text}\n`),
      finish() {
        stopHeartbeat();
        // The last state, if the work was long enough to report on at all.
        if (linesWritten > 0) line(true);
      },
    };
    const stopHeartbeat = heartbeat(plain, lineEveryMs);
    return plain;
  }

  const bar = (finished = false) => {
    const text = `${label} ${summary(finished)}`;
    if (total === undefined) return text;
    const width = Math.max(10, Math.min(40, (sink.columns ?? 80) - text.length - 4));
    const filled = Math.round((Math.min(done, total) / Math.max(total, 1)) * width);
    return `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${summary(finished)}`;
  };
  const footer = {
    clear: () => void (drawn && sink.write('\r\x1b[K')),
    redraw: () => void (drawn && sink.write(bar())),
  };
  const draw = (finished = false) => {
    lastOutput = now();
    if (!drawn) setTerminalFooter(footer);
    sink.write(`\r\x1b[K${bar(finished)}`);
    drawn = true;
  };
  const terminal: Progress = {
    update(value) {
      done = value;
      const t = now();
      if (drawn ? t - lastOutput >= REDRAW_MS : t - started >= FIRST_DRAW_MS) draw();
    },
    add(count = 1) {
      this.update(done + count);
    },
    note(text) {
      footer.clear();
      sink.write(`${text}\n`);
      footer.redraw();
    },
    finish() {
      stopHeartbeat();
      if (!drawn) return;
      draw(true);
      sink.write('\n');
      setTerminalFooter(undefined);
      drawn = false;
    },
  };
  const stopHeartbeat = heartbeat(terminal, 1000);
  return terminal;
}
