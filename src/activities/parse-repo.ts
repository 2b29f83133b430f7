import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { cancellationSignal } from '@temporalio/activity';
import { ErrorType } from '../shared/errors.js';
import type { ParseInput, ParseResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { heartbeatWhile } from './heartbeat-while.js';
import { runStep } from './run-step.js';
import { summariseParse } from '../parsers/summarise-parse.js';

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
 * Parse step (parity §2.3, fixed): runs the parser over the checkout, which writes `parsed.ndjson` into the work
 * dir (C24: only its path and counts are returned), heartbeating throughout (C26). Idempotent: a retry rewrites
 * the file.
 */
export function createParseRepo(deps: ActivityDeps) {
  return async function parseRepo(input: ParseInput): Promise<ParseResult> {
    return runStep(
      deps.db,
      input.event_context,
      {
        name: 'parseRepo',
        startedMessage: `parsing ${input.local_path}`,
        completed: (r) => ({ ...r.stats }),
        classify: classifyParseError,
      },
      async () => {
        const parsedPath = path.join(input.work_dir, 'parsed.ndjson');
        await mkdir(input.work_dir, { recursive: true });
        await heartbeatWhile((onProgress) =>
          deps.parseRepository({
            root: input.local_path,
            outputPath: parsedPath,
            config: deps.config.parser,
            onProgress,
            signal: cancellationSignal(),
          }),
        );
        return { parsed_path: parsedPath, stats: await summariseParse(parsedPath) };
      },
    );
  };
}
