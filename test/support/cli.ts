import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './environment.ts';

const BIN = path.join(REPO_ROOT, 'bin/news-ingest.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line on the Node that runs the tests, as a user would through npx; `input` goes to stdin. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => (stdout += data));
    child.stderr.on('data', (data) => (stderr += data));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * Starts the command line in the background, from `cwd` (the repository unless given). Its output
 * is stdout and stderr together, taken a whole line at a time, so that a line of one never cuts
 * into a line of the other.
 */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT): ChildProcess & { output: () => string } {
  return withOutput(spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** Runs an npm script of the project as a user does (`npm start`), with its output as {@link spawnCli} takes it. */
export function spawnNpm(script: string, env: NodeJS.ProcessEnv): ChildProcess & { output: () => string } {
  return withOutput(spawn('npm', ['run', '--silent', script], { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
}

function withOutput(child: ChildProcess): ChildProcess & { output: () => string } {
  let output = '';
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (data: string) => {
      const text = partial + data;
      const end = text.lastIndexOf('\n') + 1;
      output += text.slice(0, end);
      partial = text.slice(end);
    });
    stream.on('end', () => (output += partial));
  }
  return Object.assign(child, { output: () => output });
}

/** Whether process `pid` still runs (a zombie waiting for its parent to collect it does not). */
export function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
