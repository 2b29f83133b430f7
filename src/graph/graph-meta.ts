import type { GraphSummary } from './graph-emitter.js';

/** Name of the file the builder writes next to the row files; the writer reads the run-wide values from it. */
export const GRAPH_META_FILE = 'graph-meta.json';

/** Run-wide values of a built graph directory. */
export interface GraphMeta {
  repoId: string;
  branch: string;
  commitSha: string | null;
  githubRepoId: number | null;
  summary: GraphSummary;
}
