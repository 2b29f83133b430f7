import { beforeEach, describe, expect, it } from 'vitest';
import { createWebhookContext, handleWebhook, type WebhookContext } from '../../../src/github/handle-webhook.js';
import type { IndexingTriggers } from '../../../src/github/indexing-triggers.js';
import { TriggerQueue, type Log } from '../../../src/github/trigger-queue.js';
import { loadWebhookFixture, signDelivery } from '../../helpers/github-stand-in-webhooks.js';

const SECRET = 'unit-webhook-secret';
const quiet: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

type Call = [keyof IndexingTriggers, unknown[]];

function recordingTriggers(calls: Call[], failures: { count: number } = { count: 0 }): IndexingTriggers {
  const record =
    (name: keyof IndexingTriggers) =>
    async (...args: unknown[]): Promise<void> => {
      if (failures.count > 0) {
        failures.count--;
        throw new Error('temporal unavailable');
      }
      calls.push([name, args]);
    };
  return {
    recordInstallation: record('recordInstallation'),
    indexInstallation: record('indexInstallation'),
    indexPush: record('indexPush'),
    removeRepositories: record('removeRepositories'),
    removeInstallation: record('removeInstallation'),
  };
}

describe('handleWebhook', () => {
  let calls: Call[];
  let ctx: WebhookContext;
  const deliver = (event: string, fixture: string | object, id?: string, secret = SECRET) => {
    const payload = typeof fixture === 'string' ? loadWebhookFixture(fixture) : fixture;
    const delivery = signDelivery(secret, event, payload, id);
    return handleWebhook(ctx, delivery.headers, delivery.body);
  };

  beforeEach(() => {
    calls = [];
    ctx = createWebhookContext({
      secret: SECRET,
      triggers: recordingTriggers(calls),
      queue: new TriggerQueue({ log: quiet, baseDelayMs: 5 }),
      log: quiet,
    });
  });

  it('indexes a push to the default branch at the pushed SHA', async () => {
    const reply = await deliver('push', 'push');
    expect(reply.status).toBe(200);
    expect(calls).toEqual([
      [
        'indexPush',
        [
          {
            installation_id: 4242001,
            branch: 'trunk',
            commit_sha: '2'.repeat(40),
            repository: {
              github_repo_id: 700001,
              full_name: 'acme/private-lib',
              default_branch: 'trunk',
              private: true,
              clone_url: 'https://github.com/acme/private-lib.git',
            },
          },
        ],
      ],
    ]);
  });

  it('ignores pushes to other branches unless configured, and branch deletions', async () => {
    expect((await deliver('push', 'push.other-branch')).body.status).toBe('ignored');
    expect((await deliver('push', 'push.branch-deleted')).body.status).toBe('ignored');
    expect(calls).toEqual([]);
    ctx = { ...ctx, extraBranches: ['feature/x'] };
    await deliver('push', 'push.other-branch');
    expect(calls.map(([name, [arg]]) => [name, (arg as { branch: string }).branch])).toEqual([
      ['indexPush', 'feature/x'],
    ]);
  });

  it('records and indexes a new installation, and indexes added repositories by id', async () => {
    expect((await deliver('installation', 'installation.created')).status).toBe(200);
    expect((await deliver('installation_repositories', 'installation_repositories.added', 'd-added')).status).toBe(200);
    expect(calls).toEqual([
      [
        'recordInstallation',
        [{ installation_id: 4242001, account_id: 9001, account_login: 'acme', account_type: 'Organization' }],
      ],
      ['indexInstallation', [{ installation_id: 4242001, repository_ids: null, delivery_id: expect.any(String) }]],
      ['indexInstallation', [{ installation_id: 4242001, repository_ids: [700003], delivery_id: 'd-added' }]],
    ]);
  });

  it('removes graphs on installation.deleted, installation_repositories.removed and repository.deleted', async () => {
    await deliver('installation', 'installation.deleted');
    await deliver('installation_repositories', 'installation_repositories.removed');
    await deliver('repository', 'repository.deleted');
    expect(calls).toEqual([
      [
        'removeInstallation',
        [
          4242001,
          [
            { github_repo_id: 700001, full_name: 'acme/private-lib' },
            { github_repo_id: 700002, full_name: 'acme/public-app' },
          ],
        ],
      ],
      ['removeRepositories', [4242001, [{ github_repo_id: 700002, full_name: 'acme/public-app' }]]],
      ['removeRepositories', [4242001, [{ github_repo_id: 700001, full_name: 'acme/private-lib' }]]],
    ]);
  });

  it('answers 2xx and does nothing for other events and actions', async () => {
    expect((await deliver('issues', 'issues.opened')).status).toBe(200);
    expect((await deliver('installation', 'installation.suspend')).status).toBe(200);
    expect((await deliver('ping', { zen: 'Keep it simple.', hook_id: 1 })).status).toBe(200);
    expect(calls).toEqual([]);
  });

  it('rejects a bad or missing signature with 401 and starts nothing', async () => {
    expect((await deliver('push', 'push', undefined, 'wrong-secret')).status).toBe(401);
    const unsigned = signDelivery(SECRET, 'push', loadWebhookFixture('push'));
    delete unsigned.headers['x-hub-signature-256'];
    expect((await handleWebhook(ctx, unsigned.headers, unsigned.body)).status).toBe(401);
    const tampered = signDelivery(SECRET, 'push', loadWebhookFixture('push'));
    expect((await handleWebhook(ctx, tampered.headers, tampered.body.replace('trunk', 'main'))).status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('rejects a malformed body with 400', async () => {
    const raw = (body: string) => signDelivery(SECRET, 'push', body);
    for (const body of ['{"ref": ', '[1,2]', 'null']) {
      const delivery = raw(body);
      expect((await handleWebhook(ctx, delivery.headers, delivery.body)).status).toBe(400);
    }
    expect((await deliver('installation', { action: 'created' })).status).toBe(400);
    const noEvent = signDelivery(SECRET, 'push', loadWebhookFixture('push'));
    delete noEvent.headers['x-github-event'];
    expect((await handleWebhook(ctx, noEvent.headers, noEvent.body)).status).toBe(400);
    expect(calls).toEqual([]);
  });

  it('triggers once for 50 redeliveries and duplicate deliveries of one push', async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => deliver('push', 'push', i < 25 ? 'same-delivery' : `delivery-${i}`)),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(calls.filter(([name]) => name === 'indexPush')).toHaveLength(1);
    await deliver('push', { ...loadWebhookFixture<object>('push'), after: '3'.repeat(40) });
    expect(calls.filter(([name]) => name === 'indexPush')).toHaveLength(2);
  });

  it('answers 202 while a failing trigger is retried in the background, and it completes later', async () => {
    const failures = { count: 2 };
    ctx = { ...ctx, triggers: recordingTriggers(calls, failures) };
    const reply = await deliver('push', 'push');
    expect(reply.status).toBe(202);
    await ctx.queue.idle();
    expect(failures.count).toBe(0);
    expect(calls.map(([name]) => name)).toEqual(['indexPush']);
  });

  it('answers 500 when the trigger fails for good, and lets a redelivery try again', async () => {
    let fail = true;
    ctx = {
      ...ctx,
      triggers: {
        ...recordingTriggers(calls),
        indexPush: async (trigger) => {
          if (fail) throw Object.assign(new Error('installation gone'), { nonRetryable: true });
          calls.push(['indexPush', [trigger]]);
        },
      },
    };
    expect((await deliver('push', 'push', 'failing-delivery')).status).toBe(500);
    fail = false;
    expect((await deliver('push', 'push', 'failing-delivery')).status).toBe(200);
    expect(calls.map(([name]) => name)).toEqual(['indexPush']);
  });
});
