/** Every workflow the worker runs; this module is the worker's `workflowsPath`. */
export { RepoIndexingWorkflow } from './repo-indexing-workflow.js';
export { InstallationIndexingWorkflow } from './index-installation.js';
export { RepositoryRemovalWorkflow } from './repository-removal.js';
export { DescribeSourceWorkflow } from './describe-source.js';
