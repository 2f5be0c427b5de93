import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from '../src/cli/main.ts';
import { loadConfig, SETTING_NAMES } from '../src/config.ts';
import { REPO_ROOT } from './support/environment.ts';

interface ComposeService {
  image?: string;
  command?: string[];
  entrypoint?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
  container_name?: string;
  ports?: string[];
  init?: boolean;
  stop_grace_period?: string;
}

const compose = parse(await readFile(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const { services } = compose;
const APP_SERVICES = ['worker', 'watcher', 'dashboard'];
const COMMANDS = buildProgram(() => loadConfig({})).commands.map((command) => command.name());
/** The dashboard command and its settings come with the dashboard; until then, what names them is not checked against them. */
const known = (name: string) => COMMANDS.includes('dashboard') || !/^(dashboard|DASHBOARD_)/.test(name);
const drainSeconds = loadConfig({}).shutdownTimeoutMs / 1000;
const seconds = (value: string) => Number(/^(\d+)s$/.exec(value)?.[1]);

/** A unit file's settings, `Section.Key` → value. */
function parseUnit(text: string): Record<string, string> {
  const settings: Record<string, string> = {};
  let section = '';
  for (const line of text.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) section = header[1]!;
    else settings[`${section}.${line.slice(0, line.indexOf('='))}`] = line.slice(line.indexOf('=') + 1);
  }
  return settings;
}

const DEPLOY = path.join(REPO_ROOT, 'deploy');
const unitNames = (await readdir(DEPLOY)).filter((name) => name.endsWith('.service'));
const systemdAnalyze = await hasSystemdAnalyze();

describe('docker-compose.yml', () => {
  it('has postgres and redis with health checks and volumes, redis keeping every key in an append-only file', () => {
    for (const name of ['postgres', 'redis']) {
      expect(services[name]?.healthcheck?.test, name).toBeDefined();
      expect(services[name]?.restart, name).toBe('unless-stopped');
    }
    const redis = services.redis!.command!.join(' ');
    expect(redis).toContain('--maxmemory-policy noeviction');
    expect(redis).toContain('--appendonly yes');
    expect(redis).toContain('--appendfsync everysec');
  });

  it('runs migrate once, and every service after it, with Postgres and Redis healthy', () => {
    expect(services.migrate?.command).toEqual(['migrate']);
    expect(services.migrate?.restart).toBe('no');
    for (const name of APP_SERVICES) {
      expect(services[name]?.depends_on, name).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
  });

  it('gives each service a restart policy, a health check with node, and time to drain', () => {
    for (const name of APP_SERVICES) {
      const service = services[name]!;
      expect(service.restart, name).toBe('unless-stopped');
      expect(service.healthcheck?.test.slice(0, 3), name).toEqual(['CMD', 'node', '-e']);
      expect(seconds(service.stop_grace_period!), name).toBeGreaterThan(Number(service.environment!.SHUTDOWN_TIMEOUT_MS) / 1000);
    }
    expect(services.worker!.healthcheck!.test[3]).toContain(`http://127.0.0.1:${services.worker!.environment!.HEALTH_PORT}/readyz`);
    expect(services.watcher!.healthcheck!.test[3]).toContain('/readyz');
    expect(services.worker!.environment!.HEALTH_HOST).toBe('0.0.0.0');
    expect(services.dashboard!.healthcheck!.test[3]).toContain(`http://127.0.0.1:${services.dashboard!.environment!.DASHBOARD_PORT}/healthz`);
    // The dashboard asks every request for its credentials, the health check's too.
    expect(services.dashboard!.healthcheck!.test[3]).toMatch(/authorization: 'Basic ' \+ btoa\(process\.env\.DASHBOARD_USER \+ ':' \+ process\.env\.DASHBOARD_PASSWORD\)/);
  });

  it('lets workers scale: no fixed container name or published port', () => {
    expect(services.worker?.container_name).toBeUndefined();
    expect(services.worker?.ports).toBeUndefined();
  });

  it('runs node directly, never npm, with commands and settings the program has', async () => {
    const dockerfile = await readFile(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "bin\/news-ingest\.js"\]$/m);
    for (const [name, service] of Object.entries(services)) {
      expect(JSON.stringify([service.entrypoint, service.command]), name).not.toMatch(/\bnpm\b/);
      if (service.image !== 'news-ingest') continue;
      expect(service.entrypoint, name).toBeUndefined();
      if (known(service.command![0]!)) expect(COMMANDS, name).toContain(service.command![0]);
      for (const setting of Object.keys(service.environment ?? {}).filter(known)) expect(SETTING_NAMES, `${name}: ${setting}`).toContain(setting);
    }
  });
});

describe('the systemd units', () => {
  it('are a worker template, the watcher and the dashboard', () => {
    expect(unitNames.sort()).toEqual(['news-ingest-dashboard.service', 'news-ingest-watcher.service', 'news-ingest-worker@.service']);
  });

  it.each(unitNames)('%s runs the project’s node directly as its own user, restarts on failure, and has time to drain', async (name) => {
    const unit = parseUnit(await readFile(path.join(DEPLOY, name), 'utf8'));
    expect(unit['Service.User']).toBe('news-ingest');
    expect(unit['Service.EnvironmentFile']).toBe('/etc/news-ingest/env');
    expect(unit['Service.WorkingDirectory']).toBe('/opt/news-ingest');
    expect(unit['Service.Restart']).toBe('on-failure');
    expect(unit['Service.KillSignal']).toBe('SIGTERM');
    expect(seconds(unit['Service.TimeoutStopSec']!)).toBeGreaterThan(drainSeconds);
    const [node, bin, command, ...rest] = unit['Service.ExecStart']!.split(' ');
    expect([node, bin, rest]).toEqual(['/opt/news-ingest/node_modules/node/bin/node', '/opt/news-ingest/bin/news-ingest.js', []]);
    if (known(command!)) expect(COMMANDS).toContain(command);
    expect(unit['Install.WantedBy']).toBe('multi-user.target');
  });

  it.skipIf(!systemdAnalyze)('pass systemd-analyze verify, installed where they point', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'news-ingest-units-'));
    try {
      const installed = [];
      for (const name of unitNames) {
        // This checkout stands in for /opt/news-ingest; root for the user, which exists here.
        const text = (await readFile(path.join(DEPLOY, name), 'utf8'))
          .replaceAll('/opt/news-ingest', REPO_ROOT)
          .replace(/^EnvironmentFile=/m, 'EnvironmentFile=-')
          .replace(/^(User|Group)=news-ingest$/gm, '$1=root');
        const file = path.join(dir, name.replace('@.', '@1.'));
        await writeFile(file, text);
        installed.push(file);
      }
      const { stderr } = await promisify(execFile)('systemd-analyze', ['verify', '--man=no', ...installed]);
      expect(stderr).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

async function hasSystemdAnalyze(): Promise<boolean> {
  return promisify(execFile)('systemd-analyze', ['--version']).then(
    () => true,
    () => false,
  );
}
