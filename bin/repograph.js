#!/usr/bin/env node
// Entry point for the `repograph` command: runs the compiled JavaScript in dist/, so no compiler starts with it.
// When src/ changed since the last build (or dist/ is missing) it builds first; see scripts/build.js.
import { existsSync } from 'node:fs';
import { ensureBuild } from '../scripts/build.js';

// Settings in ./.env apply like environment variables; variables already set win.
if (existsSync('.env')) process.loadEnvFile('.env');
try {
  await ensureBuild();
} catch (error) {
  process.stderr.write(
    `error: building dist/ failed: ${error.message}. To fix this problem, fix the error reported above in src/, or run 'bash scripts/ensure-deps' if esbuild is missing\n`,
  );
  process.exit(1);
}
// Stack traces then name the TypeScript lines, not the compiled ones.
process.setSourceMapsEnabled(true);
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
