import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { GitHubRepository } from '../../github/github-repository.js';

/**
 * The `repo_id` a GitHub repository gets when it has no row yet: a name-based UUID (v5 layout) of its GitHub id,
 * so every process derives the same id without a round trip and concurrent first inserts cannot diverge.
 */
export function repoIdForGitHubRepository(githubRepoId: number): string {
  const hex = createHash('sha1').update(`repograph:github-repository:${githubRepoId}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Inserts or refreshes the `repositories` row of a GitHub repository, keyed by `github_repo_id` (unique where
 * set, C29), with its full name and real default branch, and returns its `repo_id` (the existing row's id when
 * there is one). The installation id is stored only when that installation has a row, so the foreign key holds.
 */
export async function upsertGitHubRepository(
  db: Kysely<Database>,
  installationId: number | null,
  repo: GitHubRepository,
): Promise<string> {
  const installation =
    installationId == null
      ? null
      : sql<
          number | null
        >`(SELECT installation_id FROM github_installations WHERE installation_id = ${installationId})`;
  const row = await db
    .insertInto('repositories')
    .values({
      id: repoIdForGitHubRepository(repo.github_repo_id),
      installation_id: installation,
      github_repo_id: repo.github_repo_id,
      github_repo_name: repo.full_name,
      full_name: repo.full_name,
      default_branch: repo.default_branch,
      private: repo.private,
      source_url: repo.clone_url,
    })
    .onConflict((oc) =>
      oc
        .column('github_repo_id')
        .where('github_repo_id', 'is not', null)
        .doUpdateSet((eb) => ({
          installation_id: eb.fn.coalesce('excluded.installation_id', 'repositories.installation_id'),
          github_repo_name: eb.ref('excluded.github_repo_name'),
          full_name: eb.ref('excluded.full_name'),
          default_branch: eb.ref('excluded.default_branch'),
          private: eb.ref('excluded.private'),
          source_url: eb.ref('excluded.source_url'),
          last_synced_at: sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
        })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
