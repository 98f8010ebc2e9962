import { postgresAvailable, startPostgres, type Throwaway } from '../../bench/throwaway-postgres';

export { startPostgres, type Throwaway };

/** Whether the PostgreSQL tests must run (CI installs the server and sets this); elsewhere they are skipped without it. */
export const POSTGRES_REQUIRED = process.env.REQUIRE_POSTGRES === '1';
/** Whether this machine has PostgreSQL's server programs (initdb in a temporary folder needs them). */
export const POSTGRES_AVAILABLE = postgresAvailable();

/** `describe` when PostgreSQL can run here (or must: CI), else `describe.skip` with a note. */
export function describeWithPostgres(name: string, fn: () => void): void {
  if (POSTGRES_AVAILABLE || POSTGRES_REQUIRED) describe(name, fn);
  else {
    console.warn(`skipped "${name}": PostgreSQL's server programs are not installed (CI requires them)`);
    describe.skip(name, fn);
  }
}
