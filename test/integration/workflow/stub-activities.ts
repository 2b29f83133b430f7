import type { Activities } from '../../../src/activities/index.js';
import type { ParseStats } from '../../../src/shared/indexing-steps.js';
import type { RepoIndexingInput } from '../../../src/shared/repo-indexing.js';
import { uniqueSuffix } from '../../helpers/services.js';

// Stand-ins for workflow-logic tests and history recording only: they record what the workflow asked for.
// The end-to-end suite runs the real activities.

export const STATS: ParseStats = {
  total_files: 3,
  indexed_files: 3,
  skipped_files: 0,
  failed_files: 0,
  total_directories: 1,
  total_symbols: 7,
  total_text_chunks: 0,
  large_files_chunked: 0,
  files_parsed: 3,
  files_reused: 0,
};

export function input(commit: string | null): RepoIndexingInput {
  const repoId = `00000000-0000-4000-8000-${Date.now().toString(16).padStart(12, '0').slice(-12)}`;
  return {
    installation_id: null,
    user_id: null,
    repository: {
      github_repo_name: 'fixture',
      github_repo_id: null,
      repo_id: repoId,
      repo_url: '/nowhere',
      commit_sha: commit,
      default_branch: `main-${uniqueSuffix()}`,
    },
  };
}

export function note<T>(calls: string[], name: string, value: T): T {
  calls.push(name);
  return value;
}

export function stubs(calls: string[], overrides: Partial<Activities> = {}): Partial<Activities> {
  return {
    recordWorkflowEvent: async (e) => void calls.push(`event:${e.event_type}`),
    checkIndexingNeeded: async (i) => {
      calls.push(`precheck:${i.repository.commit_sha}`);
      return {
        indexing_needed: true,
        current_sha: i.repository.commit_sha ?? 'head',
        latest_snapshot_sha: null,
        reason: 'no_previous_snapshot',
      };
    },
    cloneRepo: async (i) => {
      calls.push(`clone:${i.commit_sha}`);
      return {
        work_dir: `/work/${i.run_key}`,
        commit_sha: i.commit_sha,
        mirror: 'cloned' as const,
        files: 3,
        bytes: 300,
        files_to_parse: 3,
        bytes_to_parse: 300,
      };
    },
    parseRepo: async () => note(calls, 'parse', { stats: STATS }),
    persistKnowledgeGraph: async () =>
      note(calls, 'persist_kg', {
        mode: 'full' as const,
        full_reason: 'no_previous_graph',
        nodes: 10,
        relationships: 12,
        imports_edges: 1,
        calls_edges: 2,
        files_resolved: 3,
        files_removed: 0,
        elements_written: 22,
        elements_deleted: 0,
      }),
    persistMetadata: async () =>
      note(calls, 'persist_metadata', {
        status: 'success' as const,
        snapshot_id: 's',
        indexed_files: 3,
        files_written: 3,
      }),
    cleanupStaleGraphNodes: async () => note(calls, 'cleanup_stale', { nodes_deleted: 0 } as const),
    cleanupWorkDir: async (i) =>
      note(calls, `cleanup:${i.work_dir.startsWith('/work/')}`, { status: 'cleaned' as const }),
    ...overrides,
  };
}
