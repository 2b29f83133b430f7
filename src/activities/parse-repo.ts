import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { cancellationSignal } from '@temporalio/activity';
import { parseStatsOf } from '../parsers/parse-summary.js';
import { ErrorType } from '../shared/errors.js';
import type { ParseInput, ParseResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { checkoutDirOf } from './clone-repo.js';
import { heartbeatWhile } from './heartbeat-while.js';
import { runStep } from './run-step.js';

/** Name of the parse output in a run's work dir. */
export const PARSED_FILE = 'parsed.ndjson';

function classifyParseError(error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  // The checkout vanished (another host, a manual cleanup): no retry on this queue can bring it back.
  const type = code === 'ENOENT' ? ErrorType.InvalidInput : ErrorType.Transient;
  return ApplicationFailure.create({
    type,
    message: `Parsing failed: ${error instanceof Error ? error.message : String(error)}`,
    nonRetryable: type !== ErrorType.Transient,
    cause: error instanceof Error ? error : undefined,
  });
}

/**
 * Parse step: runs the parser over the checkout, which writes `parsed.ndjson` into the work dir (only counts are
 * returned, never the records), heartbeating throughout and off the event loop (pool threads). The counts come
 * from the parser's own summary: one counting rule for every report. Idempotent: a retry rewrites the file.
 */
export function createParseRepo(deps: ActivityDeps) {
  return async function parseRepo(input: ParseInput): Promise<ParseResult> {
    return runStep(
      deps.db,
      input.event_context,
      {
        name: 'parseRepo',
        startedMessage: `parsing ${input.commit_sha.slice(0, 12)}`,
        completed: (r) => ({ ...r.stats }),
        classify: classifyParseError,
      },
      async () => {
        await mkdir(input.work_dir, { recursive: true });
        const summary = await heartbeatWhile((onProgress) =>
          deps.parseRepository({
            root: checkoutDirOf(input.work_dir),
            outputPath: path.join(input.work_dir, PARSED_FILE),
            config: deps.config.parser,
            onProgress,
            signal: cancellationSignal(),
          }),
        );
        return { stats: { ...parseStatsOf(summary), files_parsed: summary.files, files_reused: 0 } };
      },
    );
  };
}
