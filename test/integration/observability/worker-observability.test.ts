import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/observability/create-logger.js';
import { createObservability, type Observability } from '../../../src/observability/create-observability.js';
import { installTemporalLogging } from '../../../src/observability/temporal-logger.js';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../../src/temporal/workflow-bundler-options.js';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';
import { createObservedActivities } from './observed-activities.js';
import { ObservedFailureWorkflow, ObservedSuccessWorkflow } from './observed-workflows.js';

const logLines: string[] = [];
let successWorkflowId = '';

async function scrape(observability: Observability): Promise<string> {
  const response = await fetch(observability.metricsServer!.url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

// Sinks and forwarded logs are delivered after the workflow task completes; poll a bounded number of times.
async function eventually(check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
}

describe('worker observability against the real Temporal server', () => {
  let observability: Observability;
  let connection: Connection;
  let workerConnection: NativeConnection;

  beforeAll(async () => {
    installTemporalLogging(createLogger({ level: 'INFO', sink: { write: (line: string) => logLines.push(line) } }));
    observability = await createObservability({ metricsPort: 0 });
    connection = await Connection.connect({ address: testConfig.temporal.address });
    workerConnection = await NativeConnection.connect({ address: testConfig.temporal.address });
  });

  afterAll(async () => {
    await observability?.close();
    await connection?.close();
    await workerConnection?.close();
  });

  it('counts runs, retries, domain events and parse results, and serves them on /metrics', async () => {
    const taskQueue = `observability-${uniqueSuffix()}`;
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
    const successId = `observed-ok-${uniqueSuffix()}`;
    successWorkflowId = successId;
    const failureId = `observed-fail-${uniqueSuffix()}`;
    const [success, failure] = await worker.runUntil(async () => {
      const ok = await client.workflow.execute(ObservedSuccessWorkflow, { taskQueue, workflowId: successId });
      const failed = await client.workflow.execute(ObservedFailureWorkflow, { taskQueue, workflowId: failureId }).then(
        () => null,
        (error: unknown) => error,
      );
      await eventually(
        () =>
          observability.metrics.domainEvents.get({ event: 'workflow_observed_failure_failed', result: 'TestBoom' }) > 0,
      );
      return [ok, failed] as const;
    });
    expect(success).toEqual({ status: 'success' });
    expect(failure).toBeInstanceOf(Error);

    const text = await scrape(observability);
    expect(text).toContain('workflow_retries_total{workflow="ObservedSuccessWorkflow",activity="flaky"} 1\n');
    expect(text).not.toMatch(/workflow_retries_total\{[^}]*activity="parseRepo"/);
    expect(text).toContain('domain_events_total{event="workflow_observed_success_started",result="ok"} 1\n');
    expect(text).toContain('domain_events_total{event="workflow_observed_success_completed",result="success"} 1\n');
    expect(text).toContain('domain_events_total{event="workflow_observed_failure_started",result="ok"} 1\n');
    expect(text).toContain('domain_events_total{event="workflow_observed_failure_failed",result="TestBoom"} 1\n');
    expect(text).toContain(
      'workflow_run_duration_seconds_count{workflow="ObservedSuccessWorkflow",result="completed"} 1\n',
    );
    expect(text).toContain(
      'workflow_run_duration_seconds_count{workflow="ObservedFailureWorkflow",result="failed"} 1\n',
    );
    expect(text).toContain(
      'activity_duration_seconds_count{workflow="ObservedSuccessWorkflow",activity="flaky",result="failed"} 1\n',
    );
    expect(text).toContain('parse_files_total{outcome="indexed"} 3\n');
    expect(text).toContain('parse_files_total{outcome="skipped"} 2\n');
    expect(text).toContain('parse_symbols_total 17\n');
  });

  it('counts nothing when a recorded history is replayed (sinks are not called on replay)', async () => {
    const client = new Client({ connection, namespace: testConfig.temporal.namespace });
    const history = await client.workflow.getHandle(successWorkflowId).fetchHistory();
    const replay = await createObservability();
    await Worker.runReplayHistory(
      {
        workflowsPath: fileURLToPath(new URL('./observed-workflows.ts', import.meta.url)),
        bundlerOptions: { webpackConfigHook: WORKFLOW_BUNDLER_OPTIONS },
        interceptors: { workflowModules: replay.interceptors.workflowModules },
        sinks: replay.sinks,
      },
      history,
      successWorkflowId,
    );
    expect(replay.metrics.domainEvents.get({ event: 'workflow_observed_success_started', result: 'ok' })).toBe(0);
    expect(
      replay.metrics.workflowRunDuration.get({ workflow: 'ObservedSuccessWorkflow', result: 'completed' }).count,
    ).toBe(0);
  });

  it('writes workflow log lines as JSON carrying the workflow and run ids', async () => {
    await eventually(() => logLines.some((l) => l.includes('observed workflow running')));
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const line = lines.find((l) => l.message === 'observed workflow running');
    expect(line).toMatchObject({ level: 'info', step: 'start', workflowType: 'ObservedSuccessWorkflow' });
    expect(line?.workflowId).toMatch(/^observed-ok-/);
    expect(typeof line?.runId).toBe('string');
    expect(Date.parse(String(line?.time))).not.toBeNaN();
    expect(logLines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
  });
});
