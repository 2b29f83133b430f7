import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import type { ObservabilityConfig } from '../config/read-config.js';
import { createActivityMetricsInterceptor } from './activity-metrics-interceptor.js';
import type { Tracing } from './create-tracing.js';
import { createMetricsServer, type MetricsServer } from './metrics-server.js';
import { MetricsRegistry } from './metrics-registry.js';
import { createRepographMetrics, type RepographMetrics } from './repograph-metrics.js';
import { createWorkflowMetricsSinks, type WorkflowMetricsSinks } from './workflow-metrics-sinks.js';

/**
 * The workflow interceptor module bundled into the workflow sandbox (resolved like the worker's workflowsPath):
 * the `.ts` source under vitest, the compiled `.js` next to this module in dist/.
 */
export const WORKFLOW_INTERCEPTORS_MODULE = fileURLToPath(
  new URL(`./workflow-interceptors${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

/** Options of {@link createObservability}. */
export interface ObservabilityOptions {
  /** Serve `/metrics` on this port (0: any free port); null or absent: no server (`METRICS_PORT` unset). */
  metricsPort?: number | null;
  /** Interface for the metrics server, default `127.0.0.1`. */
  metricsHost?: string;
  /** Share a registry (e.g. between a worker and a server in one process); default a new one. */
  registry?: MetricsRegistry;
  /**
   * OpenTelemetry tracing through Temporal's interceptors: an OTLP/HTTP traces URL (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`)
   * or a span processor (tests). Null or absent: off.
   */
  tracing?: { endpoint: string } | { spanProcessor: SpanProcessor } | null;
  /** `service.name` on spans, default `repograph-worker`. */
  serviceName?: string;
}

/** Options for {@link createObservability} from the `observability` section of the config. */
export function observabilityOptionsFrom(config: ObservabilityConfig): ObservabilityOptions {
  return {
    metricsPort: config.metricsPort,
    metricsHost: config.metricsHost,
    tracing: config.tracesEndpoint == null ? null : { endpoint: config.tracesEndpoint },
    serviceName: config.serviceName,
  };
}

/** What a worker process adds to `Worker.create`: `{ interceptors, sinks }`, plus the registry and server. */
export interface Observability {
  registry: MetricsRegistry;
  metrics: RepographMetrics;
  /** Pass as `Worker.create({ interceptors })`: the activity metrics interceptor and the workflow module. */
  interceptors: WorkerInterceptors;
  /** Pass as `Worker.create({ sinks })`: the metrics sink, plus the span exporter sink when tracing is on. */
  sinks: InjectedSinks<WorkflowMetricsSinks> & Record<string, unknown>;
  /** The `/metrics` server when a port was given. */
  metricsServer: MetricsServer | null;
  /** True when spans are exported. */
  tracing: boolean;
  /** Stops the metrics server and flushes pending spans. */
  close(): Promise<void>;
}

/**
 * Builds the worker's metrics: a registry with the repograph families, Temporal interceptors and sinks that feed
 * it, and (with `metricsPort`) an HTTP server exposing it on `/metrics`.
 */
export async function createObservability(options: ObservabilityOptions = {}): Promise<Observability> {
  const registry = options.registry ?? new MetricsRegistry();
  const metrics = createRepographMetrics(registry);
  const tracing = options.tracing == null ? null : await startTracing(options.tracing, options.serviceName);
  const metricsServer =
    options.metricsPort == null
      ? null
      : await createMetricsServer({ registry, port: options.metricsPort, host: options.metricsHost });
  return {
    registry,
    metrics,
    interceptors: {
      activity: [createActivityMetricsInterceptor(metrics), ...(tracing?.interceptors.activity ?? [])],
      workflowModules: [WORKFLOW_INTERCEPTORS_MODULE, ...(tracing?.interceptors.workflowModules ?? [])],
    },
    sinks: { ...createWorkflowMetricsSinks(metrics), ...tracing?.sinks },
    metricsServer,
    tracing: tracing != null,
    close: async () => {
      await Promise.all([metricsServer?.close(), tracing?.shutdown()]);
    },
  };
}

// Loaded only when tracing is on, so a worker without it never loads the OpenTelemetry SDK.
async function startTracing(
  tracing: NonNullable<ObservabilityOptions['tracing']>,
  serviceName: string | undefined,
): Promise<Tracing> {
  const { createOtlpSpanProcessor, createTracing } = await import('./create-tracing.js');
  const spanProcessor = 'spanProcessor' in tracing ? tracing.spanProcessor : createOtlpSpanProcessor(tracing.endpoint);
  return createTracing({ spanProcessor, serviceName });
}
