import type { Client } from '@temporalio/client';
import type { RepoIndexingInput } from '../shared/repo-indexing.js';
import { startInstallationIndexing } from '../temporal/start-installation-indexing.js';
import { startRepoIndexing } from '../temporal/start-repo-indexing.js';
import type { HttpReply } from './http-reply.js';
import {
  resolveIndexSource,
  type IndexSourcePolicy,
  type RequestedRepository,
  type ResolvedSource,
} from './resolve-index-source.js';

/** What `POST /api/index` needs. */
export interface IndexApiDeps {
  client: Client;
  taskQueue: string;
  sources: IndexSourcePolicy;
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
 * `POST /api/index`: `{installation_id, repositories: [Repository], full}` signal-with-starts one
 * RepoIndexingWorkflow per repository; a run already going for a repository takes the request instead of
 * failing, and one repository's failure to start does not hide the others'. Each repository's `repo_id` and
 * source are derived on the server from what it is allowed to index (see {@link resolveIndexSource}); one refused
 * repository refuses the whole request before anything starts. `full: true` rebuilds from scratch, as the CLI's
 * `--full`. With no `repositories`, the installation's InstallationIndexingWorkflow is started.
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
  const resolved: Extract<ResolvedSource, { ok: true }>[] = [];
  for (const [i, requested] of parsed.repositories.entries()) {
    const source = await resolveIndexSource(deps.sources, parsed.installation_id, requested);
    if (!source.ok) return { status: source.status, body: { detail: `repositories[${i}]: ${source.detail}` } };
    resolved.push(source);
  }
  const replies: IndexedRepositoryReply[] = [];
  for (const { installationId, repository } of resolved) {
    const input: RepoIndexingInput = {
      installation_id: installationId,
      user_id: parsed.user_id,
      repository,
      ...(parsed.full ? { force: true, full: true } : {}),
    };
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
  full: boolean;
  repositories: RequestedRepository[];
}

function parseBody(body: unknown): IndexBody | string {
  if (body == null || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
  const raw = body as Record<string, unknown>;
  const installationId = raw.installation_id == null ? null : Number(raw.installation_id);
  if (installationId != null && !Number.isSafeInteger(installationId)) return 'installation_id must be an integer';
  if (raw.full != null && typeof raw.full !== 'boolean') return 'full must be true or false';
  const list = raw.repositories ?? [];
  if (!Array.isArray(list)) return 'repositories must be an array';
  const repositories: RequestedRepository[] = [];
  for (const [i, item] of list.entries()) {
    const repo = parseRepository(item);
    if (typeof repo === 'string') return `repositories[${i}]: ${repo}`;
    repositories.push(repo);
  }
  return {
    installation_id: installationId,
    user_id: typeof raw.user_id === 'string' ? raw.user_id : null,
    full: raw.full === true,
    repositories,
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function parseRepository(item: unknown): RequestedRepository | string {
  if (item == null || typeof item !== 'object') return 'must be an object';
  const r = item as Record<string, unknown>;
  const name = text(r.github_repo_name);
  if (name != null && !/^[\w.-]+\/[\w.-]+$/.test(name)) return 'github_repo_name must be "owner/repo"';
  const githubId = r.github_repo_id == null ? null : Number(r.github_repo_id);
  if (githubId != null && !Number.isSafeInteger(githubId)) return 'github_repo_id must be an integer';
  const sha = text(r.commit_sha);
  if (sha != null && !/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) return 'commit_sha must be a full lower-case hex SHA';
  return {
    github_repo_name: name,
    github_repo_id: githubId,
    repo_id: text(r.repo_id),
    repo_url: text(r.repo_url),
    default_branch: text(r.default_branch),
    commit_sha: sha,
  };
}
