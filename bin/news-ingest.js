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
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
