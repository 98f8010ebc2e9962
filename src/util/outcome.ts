/** A promise settled from outside: a batch or a transaction group that many requests wait on. */
export interface Outcome {
  done: Promise<void>;
  /** Resolves `done`, or rejects it with `err`. */
  settle: (err?: Error) => void;
}

/**
 * A new outcome. Its rejection is handled once here: an outcome nobody waits for (a seed, a refused member's group)
 * must not become an unhandled rejection; whoever waits still sees it.
 */
export function outcome(): Outcome {
  let settle!: (err?: Error) => void;
  const done = new Promise<void>((ok, fail) => (settle = (err) => (err ? fail(err) : ok())));
  done.catch(() => undefined);
  return { done, settle };
}
