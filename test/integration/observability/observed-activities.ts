import { Context } from '@temporalio/activity';

/** Activities of the observed workflows: one that fails its first attempt, and a parse step with fixed counts. */
export function createObservedActivities() {
  return {
    async flaky(): Promise<string> {
      if (Context.current().info.attempt === 1) throw new Error('first attempt fails on purpose');
      return 'ok';
    },
    async parseRepo(): Promise<{ parsed_path: string; stats: Record<string, number> }> {
      return {
        parsed_path: '/nowhere',
        stats: { indexed_files: 3, skipped_files: 2, failed_files: 1, total_symbols: 17, total_text_chunks: 4 },
      };
    },
  };
}

/** Their type, for proxyActivities. */
export type ObservedActivities = ReturnType<typeof createObservedActivities>;
