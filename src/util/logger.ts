import pino from 'pino';

/** Structured logger (pino); fields such as correlationId go in the first argument. */
export type Logger = pino.Logger;

/** Creates the server's logger; `silent` for tests. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
