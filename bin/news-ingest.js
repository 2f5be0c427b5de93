#!/usr/bin/env node
// The project runs TypeScript directly, which needs Node 22.18 or later (24 LTS is what npm scripts
// and npx use, from the project's own devDependency).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `news-ingest needs Node 22.18 or later; this is Node ${process.versions.node}. ` +
      'Run it through npm (npx news-ingest …, npm run …), which uses the project\'s own Node 24.',
  );
  process.exit(1);
}
// The long-running commands run with a smaller young generation: under load V8 lets it grow past
// 100 MB of resident memory, where a worker has 600 MB for everything. The process replaces itself
// with the flag added (the same process: a supervisor's signals still reach it).
const LONG_RUNNING = new Set(['start', 'worker', 'watch']);
const YOUNG_GENERATION = '--max-semi-space-size=32';
if (LONG_RUNNING.has(process.argv[2]) && !process.execArgv.includes(YOUNG_GENERATION) && typeof process.execve === 'function') {
  process.execve(process.execPath, [process.execPath, ...process.execArgv, YOUNG_GENERATION, ...process.argv.slice(1)], process.env);
}
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
