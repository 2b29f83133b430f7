#!/usr/bin/env node
// Entry point for the `repograph` command: runs the TypeScript sources through tsx's loader, so there is no
// build step between a checkout and a working CLI.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

// Settings in ./.env apply like environment variables; variables already set win.
if (existsSync('.env')) process.loadEnvFile('.env');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
