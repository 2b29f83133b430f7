import { proxyActivities } from '@temporalio/workflow';
import type { SmokeActivities } from './smoke-activities.js';

const { shout } = proxyActivities<SmokeActivities>({ startToCloseTimeout: '30 seconds' });

/** Calls one activity and returns its answer, so a test can see both ran on a real worker. */
export async function smokeWorkflow(word: string): Promise<string> {
  return `${await shout(word)}!`;
}
