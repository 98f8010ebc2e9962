import type { Ctx, Step } from './context';
import type { ApiResponse } from './types';

/** Runs steps in order until one answers (house rule 4). */
export function run(steps: readonly Step[], ctx: Ctx): ApiResponse {
  for (const step of steps) {
    const response = step(ctx);
    if (response) return response;
  }
  throw new Error('pipeline ended without a response');
}
