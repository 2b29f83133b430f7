import { fileURLToPath } from 'node:url';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import { createActivityMetricsInterceptor } from './activity-metrics-interceptor.js';
import { createMetricsServer, type MetricsServer } from './metrics-server.js';
import { MetricsRegistry } from './metrics-registry.js';
import { createRepographMetrics, type RepographMetrics } from './repograph-metrics.js';
import { createWorkflowMetricsSinks, type WorkflowMetricsSinks } from './workflow-metrics-sinks.js';

/** The workflow interceptor module bundled into the workflow sandbox (resolved like the worker's workflowsPath). */
export const WORKFLOW_INTERCEPTORS_MODULE = fileURLToPath(new URL('./workflow-interceptors.ts', import.meta.url));

/** Options of {@link createObservability}. */
export interface ObservabilityOptions {
  /** Serve `/metrics` on this port (0: any free port); null or absent: no server (`METRICS_PORT` unset). */
  metricsPort?: number | null;
  /** Interface for the metrics server, default `127.0.0.1`. */
  metricsHost?: string;
  /** Share a registry (e.g. between a worker and a server in one process); default a new one. */
  registry?: MetricsRegistry;
}

/** What a worker process adds to `Worker.create`: `{ interceptors, sinks }`, plus the registry and server. */
export interface Observability {
  registry: MetricsRegistry;
  metrics: RepographMetrics;
  /** Pass as `Worker.create({ interceptors })`: the activity metrics interceptor and the workflow module. */
  interceptors: WorkerInterceptors;
  /** Pass as `Worker.create({ sinks })`. */
  sinks: InjectedSinks<WorkflowMetricsSinks>;
  /** The `/metrics` server when a port was given. */
  metricsServer: MetricsServer | null;
  /** Stops the metrics server. */
  close(): Promise<void>;
}

/**
 * Builds the worker's metrics: a registry with the repograph families, Temporal interceptors and sinks that feed
 * it, and (with `metricsPort`) an HTTP server exposing it on `/metrics`.
 */
export async function createObservability(options: ObservabilityOptions = {}): Promise<Observability> {
  const registry = options.registry ?? new MetricsRegistry();
  const metrics = createRepographMetrics(registry);
  const metricsServer =
    options.metricsPort == null
      ? null
      : await createMetricsServer({ registry, port: options.metricsPort, host: options.metricsHost });
  return {
    registry,
    metrics,
    interceptors: {
      activity: [createActivityMetricsInterceptor(metrics)],
      workflowModules: [WORKFLOW_INTERCEPTORS_MODULE],
    },
    sinks: createWorkflowMetricsSinks(metrics),
    metricsServer,
    close: async () => metricsServer?.close(),
  };
}
