import { fileURLToPath } from 'node:url';
import type { BundleOptions } from '@temporalio/worker';

/** The workflows module (`src/workflows/index.ts`), the worker's `workflowsPath`. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

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
