import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { DescribeSourceInput } from '../shared/indexing-steps.js';
import type { RepositoryRef } from '../shared/repo-indexing.js';
import { STEP_RETRY } from './activity-options.js';

const { describeSource } = proxyActivities<Activities>({ startToCloseTimeout: '2m', retry: STEP_RETRY });

/**
 * Describes a local path or git URL (normalised source, derived repo id, branch) in a worker, so the CLI can name
 * the indexing workflow without running git itself.
 */
export async function DescribeSourceWorkflow(input: DescribeSourceInput): Promise<RepositoryRef> {
  return describeSource(input);
}
