import type { Client } from '@temporalio/client';
import type { RepoIndexingInput, RepositoryRef } from '../shared/repo-indexing.js';
import { startRepoIndexing } from '../temporal/start-repo-indexing.js';
import type { HttpReply } from './http-reply.js';
import { startInstallationIndexing } from '../temporal/start-installation-indexing.js';
import { repoIdForGitHubRepository } from '../identity/repo-ids.js';

/** What `POST /api/index` needs. */
export interface IndexApiDeps {
  client: Client;
  taskQueue: string;
}

/** One started (or joined) run in the `POST /api/index` reply (the original's shape, plus `status`/`error`). */
interface IndexedRepositoryReply {
  workflow_id: string;
  run_id: string;
  message: string;
  repo_name: string;
  events_url: string;
  status: 'started' | 'failed';
  error?: string;
}

/**
 * `POST /api/index`: `{installation_id, repositories: [Repository]}` signal-with-starts one
 * RepoIndexingWorkflow per repository; a run already going for a repository takes the request instead of
 * failing, and one repository's failure does not hide the others'. With no `repositories`, the
 * installation's InstallationIndexingWorkflow is started. 400 for an invalid body.
 */
export async function handleIndexRequest(deps: IndexApiDeps, body: unknown): Promise<HttpReply> {
  const parsed = parseBody(body);
  if (typeof parsed === 'string') return { status: 400, body: { detail: parsed } };
  if (parsed.repositories.length === 0) {
    if (parsed.installation_id == null)
      return { status: 400, body: { detail: 'installation_id or repositories is required' } };
    const started = await startInstallationIndexing(
      deps.client,
      { installation_id: parsed.installation_id },
      { taskQueue: deps.taskQueue },
    );
    return {
      status: 200,
      body: { installation_workflow_id: started.workflowId, run_id: started.runId, repositories: [], total_count: 0 },
    };
  }
  const replies: IndexedRepositoryReply[] = [];
  for (const repository of parsed.repositories) {
    const input: RepoIndexingInput = { installation_id: parsed.installation_id, user_id: parsed.user_id, repository };
    try {
      const started = await startRepoIndexing(deps.client, input, { taskQueue: deps.taskQueue });
      replies.push({
        workflow_id: started.workflowId,
        run_id: started.runId,
        message: `indexing ${repository.github_repo_name} (a run already going takes the request and indexes it next)`,
        repo_name: repository.github_repo_name,
        events_url: `/api/workflows/${encodeURIComponent(started.workflowId)}/events`,
        status: 'started',
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      replies.push({
        workflow_id: '',
        run_id: '',
        message,
        repo_name: repository.github_repo_name,
        events_url: '',
        status: 'failed',
        error: message,
      });
    }
  }
  const ok = replies.some((r) => r.status === 'started');
  return { status: ok ? 200 : 502, body: { repositories: replies, total_count: replies.length } };
}

interface IndexBody {
  installation_id: number | null;
  user_id: string | null;
  repositories: RepositoryRef[];
}

function parseBody(body: unknown): IndexBody | string {
  if (body == null || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
  const raw = body as Record<string, unknown>;
  const installationId = raw.installation_id == null ? null : Number(raw.installation_id);
  if (installationId != null && !Number.isSafeInteger(installationId)) return 'installation_id must be an integer';
  const list = raw.repositories ?? [];
  if (!Array.isArray(list)) return 'repositories must be an array';
  const repositories: RepositoryRef[] = [];
  for (const [i, item] of list.entries()) {
    const repo = parseRepository(item);
    if (typeof repo === 'string') return `repositories[${i}]: ${repo}`;
    repositories.push(repo);
  }
  return {
    installation_id: installationId,
    user_id: typeof raw.user_id === 'string' ? raw.user_id : null,
    repositories,
  };
}

function parseRepository(item: unknown): RepositoryRef | string {
  if (item == null || typeof item !== 'object') return 'must be an object';
  const r = item as Record<string, unknown>;
  const name = r.github_repo_name;
  if (typeof name !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(name)) return 'github_repo_name must be "owner/repo"';
  const githubId = r.github_repo_id == null ? null : Number(r.github_repo_id);
  if (githubId != null && !Number.isSafeInteger(githubId)) return 'github_repo_id must be an integer';
  const given = typeof r.repo_id === 'string' && r.repo_id !== '' ? r.repo_id : null;
  if (given == null && githubId == null) return 'repo_id or github_repo_id is required';
  const branch = typeof r.default_branch === 'string' && r.default_branch !== '' ? r.default_branch : 'main';
  const sha = typeof r.commit_sha === 'string' && r.commit_sha !== '' ? r.commit_sha : null;
  if (sha != null && !/^[0-9a-f]{40,64}$/i.test(sha)) return 'commit_sha must be a full hex SHA';
  return {
    github_repo_name: name,
    github_repo_id: githubId,
    repo_id: given ?? repoIdForGitHubRepository(githubId ?? 0),
    repo_url: typeof r.repo_url === 'string' ? r.repo_url : '',
    commit_sha: sha,
    default_branch: branch,
  };
}
