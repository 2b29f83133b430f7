import { createRequire } from 'node:module';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  makeWorkflowExporter,
  type OpenTelemetryWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { InjectedSink, WorkerInterceptors } from '@temporalio/worker';

/** Options of {@link createTracing}. */
export interface TracingOptions {
  /** Where finished spans go: {@link createOtlpSpanProcessor} in production, an in-memory exporter in tests. */
  spanProcessor: SpanProcessor;
  /** `service.name` of the spans, default `repograph-worker`. */
  serviceName?: string;
}

/** Temporal's OpenTelemetry interceptors and workflow span sink, ready to merge into `Worker.create`. */
export interface Tracing {
  interceptors: Required<Pick<WorkerInterceptors, 'activity' | 'workflowModules'>>;
  sinks: { exporter: InjectedSink<OpenTelemetryWorkflowExporter> };
  /** Flushes and stops the span processor. */
  shutdown(): Promise<void>;
}

const OTEL_WORKFLOW_INTERCEPTORS = createRequire(import.meta.url).resolve(
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
);

/** A batching processor exporting spans over OTLP/HTTP to `url` (e.g. `http://127.0.0.1:4318/v1/traces`). */
export function createOtlpSpanProcessor(url: string): SpanProcessor {
  return new BatchSpanProcessor(new OTLPTraceExporter({ url }));
}

/**
 * Wires Temporal's OpenTelemetry interceptors: a `RunWorkflow:<type>` span per workflow run, a
 * `StartActivity:<name>` span per scheduled step and a `RunActivity:<name>` span per attempt, linked into one trace
 * (context travels in Temporal headers). Workflow spans are exported through a sink, after the workflow task, and
 * not again on replay.
 */
export function createTracing(options: TracingOptions): Tracing {
  const resource = new Resource({ 'service.name': options.serviceName ?? 'repograph-worker' });
  const provider = new BasicTracerProvider({ resource });
  provider.addSpanProcessor(options.spanProcessor);
  // Activities read their parent span from Temporal headers through the global propagator (W3C trace context, or
  // OTEL_PROPAGATORS) and need a real context manager to start their span under it; a second registration in one
  // process keeps the first.
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  const tracer = provider.getTracer('repograph');
  return {
    interceptors: {
      workflowModules: [OTEL_WORKFLOW_INTERCEPTORS],
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer }),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(options.spanProcessor, resource) },
    shutdown: () => provider.shutdown(),
  };
}
