import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueSuffix } from '../../helpers/services.js';

const CLI = fileURLToPath(new URL('../../../bin/repograph.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function scrape(url: string): Promise<string | null> {
  try {
    const response = await fetch(url);
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

describe('repograph worker with METRICS_PORT (the wiring)', () => {
  let child: ChildProcess | null = null;
  afterEach(async () => {
    if (child?.exitCode == null) {
      child?.kill('SIGTERM');
      await new Promise((resolve) => child?.once('exit', resolve));
    }
    child = null;
  });

  it('serves /metrics on 127.0.0.1 and writes JSON log lines', async () => {
    const port = await freePort();
    const queue = `observability-process-${uniqueSuffix()}`;
    const output: string[] = [];
    child = spawn('node', [CLI, 'worker'], {
      env: { ...process.env, METRICS_PORT: String(port), TEMPORAL_TASK_QUEUE: queue, REPOGRAPH_WORKER_ID: queue },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    let text: string | null = null;
    for (let i = 0; i < 300 && text == null && child.exitCode == null; i++) {
      await new Promise((r) => setTimeout(r, 200));
      text = await scrape(`http://127.0.0.1:${port}/metrics`);
    }
    expect(text, output.join('')).not.toBeNull();
    expect(text).toContain('# TYPE workflow_run_duration_seconds histogram');
    expect(text).toContain('# TYPE domain_events_total counter');
    const running = (): Record<string, unknown> | undefined =>
      output
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((l) => l.message === 'Worker state changed' && l.taskQueue === queue && l.state === 'RUNNING');
    for (let i = 0; i < 100 && running() == null; i++) await new Promise((r) => setTimeout(r, 100));
    expect(running(), output.join('')).toMatchObject({ level: 'info', sdkComponent: 'worker', service: 'worker' });
  });
});
