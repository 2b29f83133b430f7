import type { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { EventContext } from '../shared/indexing-steps.js';
import { diskFullFailure } from './disk-full-failure.js';
import { recordRunEvent } from './record-run-event.js';

/** How one pipeline step reports itself. */
export interface StepSpec<T> {
  name: string;
  startedMessage: string;
  /** Metadata of the `completed` event. */
  completed: (result: T) => Record<string, unknown>;
  /** The integration's classifier for errors the step throws. */
  classify: (error: unknown) => ApplicationFailure;
}

/**
 * Runs a step between `started` and `completed`/`failed` events and turns any error into a typed
 * ApplicationFailure at the activity boundary (a full disk first, whichever integration hit it), so retry
 * policies decide by type, not by message text.
 */
export async function runStep<T>(
  db: Kysely<Database>,
  context: EventContext,
  spec: StepSpec<T>,
  body: () => Promise<T>,
): Promise<T> {
  await recordRunEvent(db, context, spec.name, 'started', spec.startedMessage);
  try {
    const result = await body();
    await recordRunEvent(db, context, spec.name, 'completed', `${spec.name} done`, spec.completed(result));
    return result;
  } catch (error) {
    const failure = diskFullFailure(error) ?? spec.classify(error);
    await recordRunEvent(db, context, spec.name, 'failed', failure.message, {
      error: failure.message,
      type: failure.type,
    });
    throw failure;
  }
}
