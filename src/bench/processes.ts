import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A child process of the benchmark, with what it printed and its peak memory. */
export interface Child {
  process: ChildProcess;
  name: string;
  output(): string;
  /** The highest resident set size seen so far, in MB (VmHWM: the kernel's own high-water mark). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** Starts `node <script> <args>` with `env`; its output is kept, not shown. */
export function startChild(name: string, script: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Child {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  let output = '';
  // Only the last part is kept: a worker logs a line per article.
  const keep = (data: Buffer) => (output = (output + data.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (input !== undefined) child.stdin?.end(input);
  let peak = 0;
  const sample = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peak = Math.max(peak, Number(match[1]) / 1024);
    } catch {
      // The process has ended (or this is not Linux): keep the last figure.
    }
    return peak;
  };
  const timer = setInterval(sample, 500);
  child.once('exit', () => clearInterval(timer));
  return {
    process: child,
    name,
    output: () => output,
    peakRssMb: sample,
    async stop() {
      sample();
      clearInterval(timer);
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** Waits until the child prints `pattern` (or exits, which is an error). */
export function waitForOutput(child: Child, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const check = setInterval(() => {
      if (pattern.test(child.output())) {
        clearInterval(check);
        resolve();
      } else if (child.process.exitCode !== null || Date.now() > deadline) {
        clearInterval(check);
        reject(new Error(`${child.name} did not start:\n${child.output().slice(-2000)}`));
      }
    }, 100);
  });
}
