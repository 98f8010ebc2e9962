import type { Ctx, Step } from './context';
import type { Answer } from './types';

/**
 * Runs steps in order until one answers (house rule 4). Steps are synchronous unless one returns a promise (a write
 * waiting for its batch to reach the data file): only then does the rest of the pipeline continue asynchronously.
 */
export function run(steps: readonly Step[], ctx: Ctx, from = 0): Answer {
  for (let i = from; i < steps.length; i++) {
    const response = steps[i](ctx);
    if (response instanceof Promise) return response.then((r) => r ?? run(steps, ctx, i + 1));
    if (response) return response;
  }
  throw new Error('pipeline ended without a response');
}
