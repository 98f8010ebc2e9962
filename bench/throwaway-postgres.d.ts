/** A PostgreSQL server of the caller's own (throwaway-postgres.js). */
export interface Throwaway {
  /** A connection string to a database of the server. */
  url(database?: string): string;
  /** Creates an empty database and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}
export function startPostgres(): Promise<Throwaway>;
/** Whether this machine has PostgreSQL's server programs. */
export function postgresAvailable(): boolean;
