import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../../src/observability/metrics-registry.js';

describe('MetricsRegistry text exposition', () => {
  it('renders counters with HELP, TYPE and one line per label set in label declaration order', () => {
    const registry = new MetricsRegistry();
    const retries = registry.counter('workflow_retries_total', 'Retries.', ['workflow', 'activity']);
    retries.inc({ activity: 'cloneRepo', workflow: 'RepoIndexingWorkflow' });
    retries.inc({ workflow: 'RepoIndexingWorkflow', activity: 'cloneRepo' }, 2);
    retries.inc({ workflow: 'RepoIndexingWorkflow', activity: 'parseRepo' });
    expect(registry.render()).toBe(
      [
        '# HELP workflow_retries_total Retries.',
        '# TYPE workflow_retries_total counter',
        'workflow_retries_total{workflow="RepoIndexingWorkflow",activity="cloneRepo"} 3',
        'workflow_retries_total{workflow="RepoIndexingWorkflow",activity="parseRepo"} 1',
        '',
      ].join('\n'),
    );
  });

  it('renders cumulative histogram buckets ending in +Inf, then _sum and _count', () => {
    const registry = new MetricsRegistry();
    const duration = registry.histogram('run_seconds', 'Run time.', ['result'], [1, 5, 0.5]);
    for (const v of [0.2, 0.7, 3, 7]) duration.observe({ result: 'completed' }, v);
    expect(registry.render().split('\n')).toEqual([
      '# HELP run_seconds Run time.',
      '# TYPE run_seconds histogram',
      'run_seconds_bucket{result="completed",le="0.5"} 1',
      'run_seconds_bucket{result="completed",le="1"} 2',
      'run_seconds_bucket{result="completed",le="5"} 3',
      'run_seconds_bucket{result="completed",le="+Inf"} 4',
      'run_seconds_sum{result="completed"} 10.9',
      'run_seconds_count{result="completed"} 4',
      '',
    ]);
    expect(duration.get({ result: 'completed' })).toEqual({ count: 4, sum: 10.9 });
  });

  it('counts a value equal to a bucket bound in that bucket (le is inclusive)', () => {
    const registry = new MetricsRegistry();
    registry.histogram('h', 'h', [], [1, 2]).observe({}, 1);
    expect(registry.render()).toContain('h_bucket{le="1"} 1');
  });

  it('escapes label values and help text', () => {
    const registry = new MetricsRegistry();
    registry.counter('c_total', 'line one\nback\\slash', ['v']).inc({ v: 'a "quoted" \\ value\nnext' });
    const text = registry.render();
    expect(text).toContain('# HELP c_total line one\\nback\\\\slash');
    expect(text).toContain('c_total{v="a \\"quoted\\" \\\\ value\\nnext"} 1');
  });

  it('renders a counter without labels as a bare sample and nothing before the first increment', () => {
    const registry = new MetricsRegistry();
    const symbols = registry.counter('parse_symbols_total', 'Symbols.');
    expect(registry.render()).toBe('# HELP parse_symbols_total Symbols.\n# TYPE parse_symbols_total counter\n');
    symbols.inc({}, 41);
    symbols.inc();
    expect(registry.render()).toContain('\nparse_symbols_total 42\n');
  });

  it('rejects wrong labels, negative increments, invalid names and conflicting registrations', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter('a_total', 'a', ['x']);
    expect(() => counter.inc({})).toThrow(/missing \[x\]/);
    expect(() => counter.inc({ x: '1', y: '2' })).toThrow(/unknown \[y\]/);
    expect(() => counter.inc({ x: '1' }, -1)).toThrow(/≥ 0/);
    expect(() => registry.counter('bad-name', 'b')).toThrow(/invalid metric name/);
    expect(() => registry.histogram('h', 'h', ['le'])).toThrow(/invalid label name "le"/);
    expect(() => registry.histogram('a_total', 'a', ['x'])).toThrow(/already registered/);
    expect(registry.counter('a_total', 'a', ['x'])).toBe(counter);
  });
});
