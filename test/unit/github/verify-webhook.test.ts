import { describe, expect, it } from 'vitest';
import { createWebhookVerifier, verifyWebhook, type VerifiedWebhook } from '../../../src/github/verify-webhook.js';
import { loadWebhookFixture, signDelivery } from '../../helpers/github-stand-in-webhooks.js';

const SECRET = 'unit-webhook-secret';
const webhooks = createWebhookVerifier(SECRET);

async function deliver(event: string, fixture: string | object, extraBranches: string[] = [], secret = SECRET) {
  const payload = typeof fixture === 'string' ? loadWebhookFixture(fixture) : fixture;
  const delivery = signDelivery(secret, event, payload, 'd-1');
  return verifyWebhook(webhooks, delivery.headers, delivery.body, extraBranches);
}

function routed(result: Awaited<ReturnType<typeof verifyWebhook>>): VerifiedWebhook['routed'] {
  if (!result.ok) throw new Error(`rejected: ${result.status} ${result.error}`);
  return result.routed;
}

describe('verifyWebhook', () => {
  it('routes a push to the default branch to an index trigger at the pushed SHA', async () => {
    const result = await deliver('push', 'push');
    expect(result).toMatchObject({ ok: true, event: 'push', deliveryId: 'd-1' });
    expect(routed(result)?.trigger).toEqual({
      kind: 'index-push',
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
    });
  });

  it('ignores pushes to other branches unless configured', async () => {
    expect(routed(await deliver('push', 'push.other-branch'))).toBeNull();
    expect(routed(await deliver('push', 'push.other-branch', ['feature/x']))?.trigger).toMatchObject({
      kind: 'index-push',
      branch: 'feature/x',
    });
  });

  it('routes the deletion of an indexed branch to the removal of that branch only', async () => {
    expect(routed(await deliver('push', 'push.branch-deleted'))?.trigger).toEqual({
      kind: 'remove',
      removal: { github_repo_ids: [700001], installation_id: null, branch: 'trunk' },
    });
  });

  it('routes a new installation (with its account) and added repositories (by id) to installation indexing', async () => {
    expect(routed(await deliver('installation', 'installation.created'))?.trigger).toEqual({
      kind: 'index-installation',
      installation_id: 4242001,
      repository_ids: null,
      account: { installation_id: 4242001, account_id: 9001, account_login: 'acme', account_type: 'Organization' },
    });
    expect(routed(await deliver('installation_repositories', 'installation_repositories.added'))?.trigger).toEqual({
      kind: 'index-installation',
      installation_id: 4242001,
      repository_ids: [700003],
      account: null,
    });
  });

  it('routes installation.deleted, installation_repositories.removed and repository.deleted to removals', async () => {
    expect(routed(await deliver('installation', 'installation.deleted'))?.trigger).toEqual({
      kind: 'remove',
      removal: { github_repo_ids: [700001, 700002], installation_id: 4242001 },
    });
    expect(routed(await deliver('installation_repositories', 'installation_repositories.removed'))?.trigger).toEqual({
      kind: 'remove',
      removal: { github_repo_ids: [700002], installation_id: null },
    });
    expect(routed(await deliver('repository', 'repository.deleted'))?.trigger).toEqual({
      kind: 'remove',
      removal: { github_repo_ids: [700001], installation_id: null },
    });
  });

  it('routes nothing for other events and actions', async () => {
    expect(routed(await deliver('issues', 'issues.opened'))).toBeNull();
    expect(routed(await deliver('installation', 'installation.suspend'))).toBeNull();
    expect(routed(await deliver('ping', { zen: 'Keep it simple.', hook_id: 1 }))).toBeNull();
  });

  it('rejects a bad, missing or stale signature with 401', async () => {
    expect(await deliver('push', 'push', [], 'wrong-secret')).toMatchObject({ ok: false, status: 401 });
    const unsigned = signDelivery(SECRET, 'push', loadWebhookFixture('push'));
    delete unsigned.headers['x-hub-signature-256'];
    expect(await verifyWebhook(webhooks, unsigned.headers, unsigned.body, [])).toMatchObject({ status: 401 });
    const tampered = signDelivery(SECRET, 'push', loadWebhookFixture('push'));
    const body = tampered.body.replace('trunk', 'main');
    expect(await verifyWebhook(webhooks, tampered.headers, body, [])).toMatchObject({ status: 401 });
  });

  it('rejects a malformed body with 400', async () => {
    for (const body of ['{"ref": ', '[1,2]', 'null']) {
      const delivery = signDelivery(SECRET, 'push', body);
      expect(await verifyWebhook(webhooks, delivery.headers, delivery.body, [])).toMatchObject({ status: 400 });
    }
    expect(await deliver('installation', { action: 'created' })).toMatchObject({ status: 400 });
    const noEvent = signDelivery(SECRET, 'push', loadWebhookFixture('push'));
    delete noEvent.headers['x-github-event'];
    expect(await verifyWebhook(webhooks, noEvent.headers, noEvent.body, [])).toMatchObject({ status: 400 });
  });
});
