import { readConfig, type Config } from '../../src/config/read-config.js';

/**
 * The configuration integration tests use: the same variables as the app, so a test run against a stack on
 * other ports (or external services) only needs the environment changed. `scripts/stack up` starts the defaults.
 */
export const testConfig: Config = readConfig();

/** A short unique suffix for ids, queues and database names a test creates, so runs never collide. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
