import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/read-config.js';
import { createObservability, observabilityOptionsFrom } from '../../../src/observability/create-observability.js';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../../src/temporal/workflow-bundler-options.js';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';
import { createObservedActivities } from './observed-activities.js';
import { ObservedSuccessWorkflow } from './observed-workflows.js';

interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

// A stand-in OTLP/HTTP collector on 127.0.0.1 that keeps every span it receives (JSON encoding).
function startCollector(): Promise<{ url: string; spans: OtlpSpan[]; close(): Promise<void> }> {
  const spans: OtlpSpan[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[];
      };
      for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        spans,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

describe('OpenTelemetry tracing through the Temporal interceptors', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let connection: Connection;
  let workerConnection: NativeConnection;

  beforeAll(async () => {
    collector = await startCollector();
    connection = await Connection.connect({ address: testConfig.temporal.address });
    workerConnection = await NativeConnection.connect({ address: testConfig.temporal.address });
  });
  afterAll(async () => {
    await connection?.close();
    await workerConnection?.close();
    await collector?.close();
  });

  it('is off without an endpoint', async () => {
    const observability = await createObservability(observabilityOptionsFrom(readConfig({}).observability));
    expect(observability.tracing).toBe(false);
    expect(Object.keys(observability.sinks)).toEqual(['repographMetrics']);
  });

  it('exports one span per workflow run, scheduled step and activity attempt to the OTLP endpoint from the env', async () => {
    const config = readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'repograph-test' });
    const observability = await createObservability(observabilityOptionsFrom(config.observability));
    expect(observability.tracing).toBe(true);
    const taskQueue = `tracing-${uniqueSuffix()}`;
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: testConfig.temporal.namespace,
      taskQueue,
      workflowsPath: fileURLToPath(new URL('./observed-workflows.ts', import.meta.url)),
      bundlerOptions: { webpackConfigHook: WORKFLOW_BUNDLER_OPTIONS },
      activities: createObservedActivities(),
      interceptors: observability.interceptors,
      sinks: observability.sinks,
    });
    const client = new Client({ connection, namespace: testConfig.temporal.namespace });
    await worker.runUntil(
      client.workflow.execute(ObservedSuccessWorkflow, { taskQueue, workflowId: `traced-${uniqueSuffix()}` }),
    );
    await observability.close();

    const names = collector.spans.map((s) => s.name).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'RunWorkflow:ObservedSuccessWorkflow',
        'StartActivity:flaky',
        'StartActivity:parseRepo',
        'RunActivity:parseRepo',
      ]),
    );
    expect(names.filter((n) => n === 'RunActivity:flaky')).toHaveLength(2);
    expect(new Set(collector.spans.map((s) => s.traceId)).size).toBe(1);
    const span = (name: string) => collector.spans.find((s) => s.name === name);
    expect(span('StartActivity:flaky')?.parentSpanId).toBe(span('RunWorkflow:ObservedSuccessWorkflow')?.spanId);
    expect(span('RunActivity:flaky')?.parentSpanId).toBe(span('StartActivity:flaky')?.spanId);
  });
});
