import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { exitOf } from './cli.ts';
import { waitFor } from './environment.ts';

const run = promisify(execFile);

export interface RedisServer {
  readonly port: number;
  /** The URL the pipeline's processes are given (REDIS_URL). */
  readonly url: string;
  /** Ends the server as a crash would (SIGKILL): only what the append-only file holds survives. */
  crash(): Promise<void>;
  /** Starts it again, on the same port and from the same folder. */
  restart(): Promise<void>;
  /** Ends it for good and removes its folder. */
  stop(): Promise<void>;
}

/** A port nobody listens on now (the server started next binds it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether the server answers PING with PONG: listening, and done loading its append-only file. */
async function answers(port: number): Promise<boolean> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping']).catch(() => ({ stdout: '' }));
  return stdout.trim() === 'PONG';
}

/**
 * A `redis-server` of the test's own, on a port of its own, that the test crashes and restarts
 * without touching the Redis that other tests share. With `appendOnly`, every write is in the
 * append-only file before it is acknowledged (`appendfsync always`), so a crash loses nothing that
 * a client was told had happened; without it (and with no snapshots), a restart comes back empty.
 */
export async function startRedisServer({ appendOnly }: { appendOnly: boolean }): Promise<RedisServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'news-ingest-redis-'));
  const port = await freePort();
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--appendonly', appendOnly ? 'yes' : 'no',
    '--appendfsync', 'always',
    '--save', '',
    // What the README asks of a production Redis: BullMQ's keys must never be evicted.
    '--maxmemory-policy', 'noeviction',
    '--logfile', path.join(dir, 'redis.log'),
  ];
  let server: ChildProcess | undefined;
  const launch = async () => {
    const started = spawn('redis-server', args, { stdio: 'ignore' });
    server = started;
    await waitFor(`redis-server on port ${port} to answer`, async () => {
      if (started.exitCode !== null || started.signalCode !== null) throw new Error(`redis-server on port ${port} exited; see ${dir}/redis.log`);
      return answers(port);
    });
  };
  const kill = async () => {
    if (!server) return;
    server.kill('SIGKILL');
    await exitOf(server);
    server = undefined;
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    crash: kill,
    restart: launch,
    async stop() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
