import { randomUUID } from 'node:crypto';
import { seededRandom } from '../../helpers/seeded-random.js';
import { loadWebhookFixture, postDelivery, signDelivery } from '../../helpers/github-stand-in-webhooks.js';
import { collectSoakOutcome, type SoakOutcome } from './collect-soak-outcome.js';
import { RssSampler, type RssFigures } from './rss-sampler.js';
import { pushCommit } from './soak-repos.js';
import { startSoakStack, type SoakRepo, type SoakStack } from './soak-stack.js';

/** Options of {@link runSoak}. */
export interface SoakOptions {
  repos: number;
  pushes: number;
  /** The pushes are spread evenly over this long. */
  durationMs: number;
  /** After the last push, how long the runs may take to settle before the soak gives up. */
  settleTimeoutMs: number;
  /** Every n-th push is delivered a second time with the same delivery id (GitHub's redelivery); 0: never. */
  redeliverEvery: number;
  /**
   * Every n-th push of a repository has its webhook delivered after the next push's (GitHub does not promise
   * delivery order); 0: always in order.
   */
  swapEvery: number;
  /**
   * From a repository's first push, every n-th one holds the git server until the second push after it is
   * delivered (0: never). No run can clone during a hold, so those three pushes all arrive before any of them
   * is indexed, and at least one is merged into a later run however fast runs are.
   */
  holdEvery: number;
  seed: number;
  parseThreads?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** One push and what the server answered. */
export interface PushRecord {
  repo: number;
  /** Position of the pushed commit in its repository's sequence. */
  commit: number;
  sha: string;
  deliveryId: string;
  sentAt: number;
  repliedAt: number;
  status: number;
  /** `status` field of the answer's body (`started`, `queued`, `duplicate`…). */
  reply: string;
}

/** A push's webhook waiting to be sent. */
interface Delivery {
  r: number;
  commit: number;
  sha: string;
  deliveryId: string;
  payload: unknown;
}

/** What a soak measured: every push, the repositories' end state, the processes' memory and logs. */
export interface SoakReport {
  options: SoakOptions;
  pushes: PushRecord[];
  redeliveries: PushRecord[];
  /** Holds of the git server taken ({@link SoakOptions.holdEvery}): each merges at least one push. */
  holds: number;
  firstPushAt: number;
  lastReplyAt: number;
  /** When every repository was at its last pushed commit with no run open and the outbox empty; null: timed out. */
  settledAt: number | null;
  /**
   * RSS start/peak/end of both processes, and `tenths`: RSS when each tenth of the pushes began, then once
   * settled (eleven readings, the trend a leak would show).
   */
  rss: { server: RssFigures; worker: RssFigures; tenths: { server: number[]; worker: number[] } };
  outcome: SoakOutcome;
}

/** Which repository each push goes to: an equal share each (the first ones get the remainder), seeded order. */
function schedule(repos: number, pushes: number, seed: number): number[] {
  const order = Array.from({ length: pushes }, (_, i) => i % repos);
  const random = seededRandom(seed ^ 0x9e3779b9);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function pushPayload(stack: SoakStack, repo: SoakRepo, before: string, after: string): unknown {
  const payload = loadWebhookFixture<Record<string, Record<string, unknown>>>('push');
  Object.assign(payload, { ref: 'refs/heads/main', before, after, head_commit: null });
  payload.installation!.id = stack.installationId;
  Object.assign(payload.repository!, {
    id: repo.github.github_repo_id,
    full_name: repo.github.full_name,
    name: repo.github.full_name.split('/')[1],
    clone_url: repo.github.clone_url,
    default_branch: 'main',
    master_branch: 'main',
  });
  return payload;
}

async function deliver(stack: SoakStack, payload: unknown, deliveryId: string) {
  const reply = await postDelivery(
    `${stack.server.url}/webhooks`,
    signDelivery(stack.secret, 'push', payload, deliveryId),
  );
  return { status: reply.status, reply: String((reply.body as { status?: unknown } | null)?.status ?? '') };
}

/** Polls (bounded) until every repository is at its last pushed commit, no run is open and nothing is pending. */
async function waitSettled(stack: SoakStack, last: Map<number, string>, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const branches = await stack.db.db
      .selectFrom('repository_branches')
      .select(['repository_id', 'indexed_commit_sha'])
      .where('branch', '=', 'main')
      .execute();
    const at = new Map(branches.map((b) => [b.repository_id, b.indexed_commit_sha]));
    const pending = await stack.db.db
      .selectFrom('trigger_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    let done = pending.length === 0 && [...last].every(([i, sha]) => at.get(stack.repos[i]!.repoId) === sha);
    if (done) {
      for (const repo of stack.repos) {
        const id = `repo-index-${repo.github.github_repo_id}-main`;
        const { status } = await stack.client.workflow.getHandle(id).describe();
        if (status.name === 'RUNNING') done = false;
      }
    }
    if (done) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}

/**
 * The soak: `pushes` pushes spread over `durationMs` to `repos` repositories, each a real commit pushed to the
 * git server followed by its signed push webhook to `repograph serve` (per repository in order, as GitHub
 * sends them; different repositories overlap), then waits for the runs to settle and collects the end state.
 * Everything is on 127.0.0.1 and bounded by the counts and timeouts given.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const order = schedule(options.repos, options.pushes, options.seed);
  const perRepo = Array.from({ length: options.repos }, (_, r) => order.filter((x) => x === r).length);
  log(`soak: generating ${options.pushes} commits in ${options.repos} repositories`);
  const stack = await startSoakStack({
    repos: options.repos,
    commitsPerRepo: perRepo,
    seed: options.seed,
    parseThreads: options.parseThreads,
    log,
  });
  try {
    const serverRss = new RssSampler(stack.server.child.pid!).start();
    const workerRss = new RssSampler(stack.worker.child.pid!).start();
    serverRss.mark();
    workerRss.mark();
    const pushes: PushRecord[] = [];
    const redeliveries: PushRecord[] = [];
    const next = new Array<number>(options.repos).fill(0);
    const chains = Array.from({ length: options.repos }, () => Promise.resolve());
    const held = new Map<number, Delivery>();
    const holds = new Map<number, () => void>();
    let holdCount = 0;
    const send = async (d: Delivery) => {
      const sentAt = Date.now();
      const reply = await deliver(stack, d.payload, d.deliveryId);
      const record = { repo: d.r, commit: d.commit, sha: d.sha, deliveryId: d.deliveryId, sentAt };
      pushes.push({ ...record, repliedAt: Date.now(), ...reply });
      if (options.redeliverEvery > 0 && pushes.length % options.redeliverEvery === 0) {
        const again = Date.now();
        const second = await deliver(stack, d.payload, d.deliveryId);
        redeliveries.push({ ...record, sentAt: again, repliedAt: Date.now(), ...second });
      }
    };
    const interval = options.durationMs / options.pushes;
    const firstPushAt = Date.now();
    const tenths = { server: [] as number[], worker: [] as number[] };
    const recordTenth = () => {
      tenths.server.push(serverRss.samples.at(-1)?.bytes ?? NaN);
      tenths.worker.push(workerRss.samples.at(-1)?.bytes ?? NaN);
    };
    log(`soak: ${options.pushes} pushes over ${Math.round(options.durationMs / 1000)} s`);
    for (const [i, r] of order.entries()) {
      const wait = firstPushAt + i * interval - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (i % Math.ceil(order.length / 10) === 0) recordTenth();
      const repo = stack.repos[r]!;
      const commit = next[r]!++;
      const sha = repo.commits.shas[commit]!;
      const before = commit === 0 ? '0'.repeat(40) : repo.commits.shas[commit - 1]!;
      const count = repo.commits.shas.length;
      chains[r] = chains[r]!.then(async () => {
        if (options.holdEvery > 0 && commit % options.holdEvery === 0 && commit + 2 < count) {
          holds.set(r, stack.git.hold());
          holdCount++;
        }
        await pushCommit(repo.commits, repo.bareDir, sha, 'main');
        const delivery = { r, commit, sha, deliveryId: randomUUID(), payload: pushPayload(stack, repo, before, sha) };
        const last = commit === count - 1;
        if (options.swapEvery > 0 && commit % options.swapEvery === options.swapEvery - 1 && !last) {
          held.set(r, delivery);
          return;
        }
        await send(delivery);
        const late = held.get(r);
        held.delete(r);
        if (late != null) await send(late);
        // A push whose delivery is swapped with the next one's keeps the hold until it is delivered.
        if (options.holdEvery > 0 && commit % options.holdEvery >= 2 && !held.has(r)) {
          holds.get(r)?.();
          holds.delete(r);
        }
      });
      if ((i + 1) % 25 === 0) log(`soak: ${i + 1}/${options.pushes} pushes sent`);
    }
    await Promise.all(chains).finally(() => {
      for (const release of holds.values()) release();
    });
    const lastReplyAt = Date.now();
    const last = new Map(stack.repos.map((repo, r) => [r, repo.commits.shas.at(-1)!]));
    log('soak: waiting for the runs to settle');
    const settledAt = await waitSettled(stack, last, options.settleTimeoutMs);
    const rss = { server: serverRss.stop(), worker: workerRss.stop(), tenths };
    recordTenth();
    log(settledAt == null ? 'soak: the runs did not settle in time' : 'soak: settled; rebuilding each commit in full');
    const outcome = await collectSoakOutcome(stack, pushes);
    return { options, pushes, redeliveries, holds: holdCount, firstPushAt, lastReplyAt, settledAt, rss, outcome };
  } finally {
    await stack.close();
  }
}
