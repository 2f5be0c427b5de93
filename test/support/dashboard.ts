import { exitOf, spawnCli } from './cli.ts';
import { waitFor } from './environment.ts';
import { logged } from './logs.ts';

export interface RunningDashboard {
  /** Where it answers, ending in `/`. */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Runs `news-ingest dashboard` on any free port with `env`, and waits until it listens. */
export async function startDashboard(env: NodeJS.ProcessEnv): Promise<RunningDashboard> {
  const child = spawnCli(['dashboard', '--port', '0'], env);
  const [listening] = await waitFor('the dashboard to listen', async () => {
    if (child.exitCode !== null) throw new Error(`the dashboard exited: ${child.output()}`);
    const lines = logged(child.output(), 'dashboard listening');
    return lines.length > 0 && lines;
  });
  return {
    url: `http://127.0.0.1:${listening!.port}/`,
    output: child.output,
    async stop() {
      child.kill('SIGTERM');
      await exitOf(child);
    },
  };
}
