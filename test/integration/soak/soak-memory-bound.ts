import type { MemoryBound } from './soak-report.js';

/**
 * How much RSS `repograph serve` and `repograph worker` may gain in a soak: at most a quarter over the second
 * half of the pushes, and a fixed ceiling. Measured on a 200-push soak (docs/soak.md): the worker went from
 * about 440 MiB half-way to 480 MiB at the end (peak 550 MiB), the server stayed near 110-150 MiB.
 */
export const SOAK_MEMORY_BOUND: { server: MemoryBound; worker: MemoryBound } = {
  server: { maxSecondHalfGrowth: 0.25, maxPeakBytes: 256 * 1024 ** 2 },
  worker: { maxSecondHalfGrowth: 0.25, maxPeakBytes: 1024 ** 3 },
};
