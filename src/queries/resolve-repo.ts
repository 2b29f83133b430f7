import type { Driver } from 'neo4j-driver';

/** A repository known by name, e.g. a `repositories` row. */
export interface NamedRepo {
  repoId: string;
  name: string;
}

/** Inputs of {@link resolveRepo}. */
export interface ResolveRepoInput {
  /** What the user typed after `--repo`: a repo_id or part of a repository name. */
  value: string;
  driver: Driver;
  database: string;
  /** Repositories whose name contains `text` (case-insensitive); the CLI looks them up in Postgres. */
  findByName?: (text: string) => Promise<NamedRepo[]>;
}

/** Thrown when `--repo` matches no graph or more than one; the message lists what exists. */
export class RepoResolutionError extends Error {
  override name = 'RepoResolutionError';
}

async function readIds(
  driver: Driver,
  database: string,
  cypher: string,
  params: Record<string, unknown>,
): Promise<string[]> {
  const { records } = await driver.executeQuery(cypher, params, { database, routing: 'READ' });
  return records.map((r) => String(r.get('repo_id')));
}

/** Every repo_id that has a graph (one root FileNode per repository), at most 50. */
export async function listGraphRepoIds(driver: Driver, database: string): Promise<string[]> {
  return readIds(
    driver,
    database,
    "MATCH (f:FileNode {relative_path: '.'}) RETURN DISTINCT f.repo_id AS repo_id ORDER BY repo_id LIMIT 50",
    {},
  );
}

/**
 * Resolves `--repo` to a repo_id with a graph: an exact repo_id first, then a unique repo_id containing the text,
 * then a unique repository name containing it (through `findByName`) whose graph exists.
 */
export async function resolveRepo(input: ResolveRepoInput): Promise<string> {
  const { value, driver, database } = input;
  const exact = await readIds(
    driver,
    database,
    'MATCH (n:KGNode {repo_id: $value}) RETURN n.repo_id AS repo_id LIMIT 1',
    { value },
  );
  if (exact.length > 0) return value;
  const byId = await readIds(
    driver,
    database,
    "MATCH (f:FileNode {relative_path: '.'}) WHERE f.repo_id CONTAINS $value RETURN DISTINCT f.repo_id AS repo_id LIMIT 20",
    { value },
  );
  if (byId.length === 1 && byId[0] != null) return byId[0];
  if (byId.length > 1) throw new RepoResolutionError(`"${value}" matches several repo_ids: ${byId.join(', ')}`);
  const named = (await input.findByName?.(value)) ?? [];
  const withGraph: NamedRepo[] = [];
  for (const repo of named) {
    const found = await readIds(
      driver,
      database,
      'MATCH (n:KGNode {repo_id: $id}) RETURN n.repo_id AS repo_id LIMIT 1',
      { id: repo.repoId },
    );
    if (found.length > 0) withGraph.push(repo);
  }
  if (withGraph.length === 1 && withGraph[0] != null) return withGraph[0].repoId;
  if (withGraph.length > 1) {
    const list = withGraph.map((r) => `${r.name} (${r.repoId})`).join(', ');
    throw new RepoResolutionError(`"${value}" matches several indexed repositories: ${list}`);
  }
  const known = await listGraphRepoIds(driver, database);
  const hint =
    known.length > 0 ? `graphs exist for: ${known.join(', ')}` : 'the graph database holds no repository yet';
  throw new RepoResolutionError(`no indexed repository matches "${value}" (${hint})`);
}

/** Inputs of {@link resolveBranch}. */
export interface ResolveBranchInput {
  repoId: string;
  /** What the user gave with `--branch`, if anything. */
  value: string | null;
  driver: Driver;
  database: string;
  /** The repository's default branch (the CLI reads it from Postgres), if known. */
  defaultBranch?: () => Promise<string | null>;
}

/**
 * The branch whose graph a query reads: the one given; else the repository's only indexed branch; else its
 * default branch when that has a graph. Throws {@link RepoResolutionError} listing the branches otherwise.
 */
export async function resolveBranch(input: ResolveBranchInput): Promise<string> {
  const { records } = await input.driver.executeQuery(
    "MATCH (f:FileNode {repo_id: $repoId, relative_path: '.'}) RETURN DISTINCT f.branch AS branch ORDER BY branch",
    { repoId: input.repoId },
    { database: input.database, routing: 'READ' },
  );
  const branches = records.map((r) => String(r.get('branch')));
  if (input.value != null) {
    if (branches.includes(input.value)) return input.value;
    throw new RepoResolutionError(
      `branch "${input.value}" of ${input.repoId} has no graph (indexed branches: ${branches.join(', ') || 'none'})`,
    );
  }
  if (branches.length === 1 && branches[0] != null) return branches[0];
  const fallback = (await input.defaultBranch?.()) ?? null;
  if (fallback != null && branches.includes(fallback)) return fallback;
  throw new RepoResolutionError(
    `${input.repoId} has graphs for several branches (${branches.join(', ')}); pass --branch <name>`,
  );
}
