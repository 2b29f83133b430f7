import { uuidV5 } from './uuid-v5.js';

/** The RFC 4122 URL namespace: a plain source's repo id is the UUIDv5 of its normalised URL in it. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * The `repo_id` of a repository that is not on GitHub: the UUIDv5 of its normalised source URL
 * (`file:///abs/path`, `https://host/path`), so the same source always maps to the same id and workflow id.
 */
export function repoIdForSource(normalisedSource: string): string {
  return uuidV5(normalisedSource, URL_NAMESPACE);
}

/**
 * The `repo_id` of a GitHub repository, from its numeric id, so every process (webhook server, workers, CLI)
 * derives the same id without a round trip and concurrent first inserts cannot diverge.
 */
export function repoIdForGitHubRepository(githubRepoId: number): string {
  return uuidV5(`repograph:github-repository:${githubRepoId}`);
}
