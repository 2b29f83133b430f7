import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundleOptions } from '@temporalio/worker';

/**
 * The workflows module, the worker's `workflowsPath`: `src/workflows/index.ts` when running from the sources
 * (vitest), `dist/workflows/index.js` when running the build.
 */
export const WORKFLOWS_PATH = fileURLToPath(
  new URL(`../workflows/index${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

/**
 * Bundler options for our TypeScript workflow sources: they import siblings with `.js` suffixes (ESM/NodeNext),
 * which webpack must map to the `.ts` files.
 */
export const WORKFLOW_BUNDLER_OPTIONS: NonNullable<BundleOptions['webpackConfigHook']> = (config) => ({
  ...config,
  resolve: {
    ...config.resolve,
    extensionAlias: { '.js': ['.ts', '.js'] },
    extensions: ['.ts', '.js', ...(config.resolve?.extensions ?? [])],
  },
});
