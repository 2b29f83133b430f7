import type { WorkflowInfo } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../../src/observability/metrics-registry.js';
import { createRepographMetrics } from '../../../src/observability/repograph-metrics.js';
import { createWorkflowMetricsSinks, domainAggregate } from '../../../src/observability/workflow-metrics-sinks.js';

describe('domainAggregate', () => {
  it('names the aggregate of workflow_<aggregate>_<flow> events', () => {
    expect(domainAggregate('RepoIndexingWorkflow')).toBe('repo_indexing');
    expect(domainAggregate('InstallationIndexingWorkflow')).toBe('installation_indexing');
    expect(domainAggregate('ReindexOnPushWorkflow')).toBe('reindex_on_push');
    expect(domainAggregate('indexRepository')).toBe('index_repository');
  });
});

describe('createWorkflowMetricsSinks', () => {
  const info = (workflowType: string) => ({ workflowType, runStartTime: new Date(10_000) }) as unknown as WorkflowInfo;

  it('counts started, completed and failed events and observes the run duration from its start time', async () => {
    const metrics = createRepographMetrics(new MetricsRegistry());
    const sinks = createWorkflowMetricsSinks(metrics, () => 12_500);
    await sinks.repographMetrics.started.fn(info('RepoIndexingWorkflow'));
    await sinks.repographMetrics.finished.fn(info('RepoIndexingWorkflow'), 'completed', 'skipped');
    await sinks.repographMetrics.finished.fn(info('InstallationIndexingWorkflow'), 'failed', 'Repo Not/Found!');
    await sinks.repographMetrics.finished.fn(info('RepoIndexingWorkflow'), 'continued_as_new', 'continued_as_new');
    const events = metrics.domainEvents;
    expect(events.get({ event: 'workflow_repo_indexing_started', result: 'ok' })).toBe(1);
    expect(events.get({ event: 'workflow_repo_indexing_completed', result: 'skipped' })).toBe(1);
    expect(events.get({ event: 'workflow_repo_indexing_completed', result: 'continued_as_new' })).toBe(1);
    expect(events.get({ event: 'workflow_installation_indexing_failed', result: 'Repo_Not_Found_' })).toBe(1);
    expect(metrics.workflowRunDuration.get({ workflow: 'RepoIndexingWorkflow', result: 'completed' })).toEqual({
      count: 1,
      sum: 2.5,
    });
  });
});
