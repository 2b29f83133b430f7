import { mkdir } from 'node:fs/promises';
import { cancellationSignal } from '@temporalio/activity';
import { classifyGitError } from '../git/classify-git-error.js';
import { resolveDefaultBranch } from '../git/git-client.js';
import { normaliseSource } from '../git/normalise-source.js';
import { sourceRepositoryRef } from '../git/source-repository-ref.js';
import type { DescribeSourceInput } from '../shared/indexing-steps.js';
import type { RepositoryRef } from '../shared/repo-indexing.js';
import type { ActivityDeps } from './activity-deps.js';

/**
 * Turns a local path or git URL as a user typed it into the RepositoryRef of its indexing unit: the normalised
 * source, the repo id derived from it, and the branch (the one named, or the repository's HEAD branch, which is
 * also recorded as its default). Runs in a worker, so clients never run git themselves.
 */
export function createDescribeSource(deps: Pick<ActivityDeps, 'config' | 'repoSource'>) {
  return async function describeSource(input: DescribeSourceInput): Promise<RepositoryRef> {
    try {
      const normalised = normaliseSource(input.source);
      const probe = sourceRepositoryRef(normalised, input.branch ?? '', null);
      const source = await deps.repoSource(probe, null);
      await mkdir(deps.config.work.workDir, { recursive: true });
      const head = await resolveDefaultBranch(source, deps.config.work.workDir, cancellationSignal()).catch(
        (error: unknown) => {
          if (input.branch != null) return null;
          throw error;
        },
      );
      return sourceRepositoryRef(normalised, input.branch ?? head ?? '', head);
    } catch (error) {
      throw classifyGitError(error);
    }
  };
}
