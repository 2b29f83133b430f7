import type { WorkflowHandle } from '@temporalio/client';

/** Thrown (through `interrupted`) once a first Ctrl-C has cancelled the run; the message says what happened. */
export class Interrupted extends Error {
  override name = 'Interrupted';
}

/** What {@link onInterrupt} tells the user and how it leaves. */
export interface InterruptOptions {
  /** The command that indexes the repository again, e.g. `repograph index ./repo --branch dev`. */
  resume: string;
  /** How long the first press waits for the cancelled run to end (its `finally` removes the work dir). */
  cancelWaitMs: number;
}

/** The Ctrl-C policy of one running index, from {@link onInterrupt}. */
export interface InterruptWatch {
  /** The run a press now cancels; before it is set, a press exits at once (nothing was started). */
  watch(handle: WorkflowHandle, workflowId: string, inspect: string): void;
  /** Rejects with {@link Interrupted} once a first press has cancelled the run and it ended (or the wait ran out). */
  interrupted: Promise<never>;
  /** True once Ctrl-C was pressed: the run's own failure is then the cancellation, and `interrupted` tells it. */
  readonly pressed: boolean;
  /** Removes the SIGINT listener. */
  dispose(): void;
}

/**
 * Installs the SIGINT policy of `repograph index`: the first press cancels the run, waits (bounded) for it to end
 * so its `finally` removes the clone, then `interrupted` rejects with a message that says whether it ended and
 * how to index again; a second press exits at once with 130, saying what may still be running and where to look.
 */
export function onInterrupt(options: InterruptOptions): InterruptWatch {
  const write = (text: string) => process.stderr.write(text);
  const exit = (code: number) => process.exit(code);
  let run: { handle: WorkflowHandle; workflowId: string; inspect: string } | null = null;
  let presses = 0;
  let reject: (error: Error) => void = () => undefined;
  const interrupted = new Promise<never>((_, r) => (reject = r));
  interrupted.catch(() => undefined);

  const cancel = async (current: NonNullable<typeof run>): Promise<string> => {
    await current.handle.cancel();
    const ended = await Promise.race([
      current.handle.result().then(
        () => 'ended',
        () => 'ended',
      ),
      new Promise<string>((resolve) => setTimeout(resolve, options.cancelWaitMs, 'waiting').unref()),
    ]);
    if (ended === 'ended') return `Cancelled ${current.workflowId}; its work dir was removed. ${options.resume}`;
    return `${current.workflowId} is still cancelling; ${current.inspect}. ${options.resume}`;
  };

  const listener = () => {
    presses++;
    if (run == null) {
      write('\nInterrupted before the run started; nothing was started.\n');
      return exit(130);
    }
    if (presses >= 2) {
      write(`\nExiting now. ${run.workflowId} may still be running or cancelling; ${run.inspect}. ${options.resume}\n`);
      return exit(130);
    }
    write(`\nCancelling ${run.workflowId}… (Ctrl-C again exits at once)\n`);
    const current = run;
    void cancel(current)
      .catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        return `Could not cancel ${current.workflowId} (${why}); ${current.inspect}. ${options.resume}`;
      })
      .then((message) => reject(new Interrupted(message)));
  };
  process.on('SIGINT', listener);
  return {
    watch(handle, workflowId, inspect) {
      run = { handle, workflowId, inspect };
    },
    interrupted,
    get pressed() {
      return presses > 0;
    },
    dispose() {
      process.off('SIGINT', listener);
    },
  };
}
