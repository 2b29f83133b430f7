import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../bin/repograph.js', import.meta.url));

/** `repograph worker` running as a process of its own, so its memory can be read and its logs checked. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed, one entry per chunk. */
  output: string[];
  /** Sends `signal` and waits (bounded) for the process to end; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<void>;
}

function runningQueues(output: readonly string[]): Set<string> {
  const queues = new Set<string>();
  for (const line of output.join('').split('\n')) {
    if (!line.startsWith('{') || !line.includes('Worker state changed')) continue;
    const entry = JSON.parse(line) as { state?: string; taskQueue?: string };
    if (entry.state === 'RUNNING' && entry.taskQueue != null) queues.add(entry.taskQueue);
  }
  return queues;
}

/**
 * Starts `repograph worker` with `env` and waits (bounded) until both of its workers (the shared queue
 * `TEMPORAL_TASK_QUEUE` and its own `<queue>@<REPOGRAPH_WORKER_ID>`) say RUNNING.
 */
export async function startWorkerProcess(env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<WorkerProcess> {
  const queue = env.TEMPORAL_TASK_QUEUE ?? '';
  const expected = [queue, `${queue}@${env.REPOGRAPH_WORKER_ID ?? ''}`];
  const child = spawn(process.execPath, [CLI, 'worker'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode != null) throw new Error(`repograph worker exited: ${output.join('')}`);
    const running = runningQueues(output);
    if (expected.every((q) => running.has(q))) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`repograph worker did not start within ${timeoutMs} ms: ${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    output,
    async stop(signal: NodeJS.Signals = 'SIGTERM', stopTimeoutMs = 30_000) {
      if (child.exitCode != null || child.signalCode != null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
