#!/usr/bin/env node
// Runs the compiled CLI (npm ci builds it); falls back to the TypeScript sources through tsx in a checkout
// that has not been built.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
let cli;
if (existsSync(compiled)) {
  cli = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
await cli.main();
