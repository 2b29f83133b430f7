import type { MemoryBound } from './soak-report.js';

/**
 * How much RSS `repograph serve` and `repograph worker` may gain from the first push to the end of a soak.
 * Placeholder until measured.
 */
export const SOAK_MEMORY_BOUND: { server: MemoryBound; worker: MemoryBound } = {
  server: { maxGrowthBytes: 64 * 1024 ** 2 },
  worker: { maxGrowthBytes: 256 * 1024 ** 2 },
};
