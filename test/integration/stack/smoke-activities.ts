/** Activities of the stack smoke test; `pid` proves the activity ran in this worker process. */
export function createSmokeActivities() {
  return {
    async shout(word: string): Promise<string> {
      return `${word.toUpperCase()} from ${process.pid}`;
    },
  };
}

export type SmokeActivities = ReturnType<typeof createSmokeActivities>;
