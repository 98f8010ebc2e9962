import pg from 'pg';
import type { SandboxRecord } from '../sandbox/types';
import { redactUrl } from '../util/redact-url';

/** Runs `work` on one short-lived connection (sandbox administration is rare next to requests). */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((err: Error) => {
    throw new Error(`--store: cannot connect to ${redactUrl(url)}: ${err.message}`);
  });
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const CATALOG = `CREATE SCHEMA IF NOT EXISTS edfi_mock_sandboxes;
CREATE TABLE IF NOT EXISTS edfi_mock_sandboxes.catalog (id text PRIMARY KEY, record jsonb NOT NULL, position bigserial)`;

/** Drops a sandbox's schemas and everything in them. */
export async function dropPostgresSchemas(url: string, schemas: readonly string[]): Promise<void> {
  for (const s of schemas) if (!/^[a-z_][a-z0-9_]{0,62}$/.test(s)) throw new Error(`'${s}' is not a valid schema name`);
  await withClient(url, async (c) => {
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  });
}

/** The recorded sandboxes, in the order they were created. */
export async function loadSandboxCatalog(url: string): Promise<SandboxRecord[]> {
  return withClient(url, async (c) => {
    await c.query(CATALOG);
    const rows = await c.query<{ record: SandboxRecord }>('SELECT record FROM edfi_mock_sandboxes.catalog ORDER BY position');
    return rows.rows.map((r) => r.record);
  });
}

/** Records the sandboxes in one transaction: those not listed are removed, the others written. */
export async function saveSandboxCatalog(url: string, records: readonly SandboxRecord[]): Promise<void> {
  await withClient(url, async (c) => {
    await c.query(CATALOG);
    await c.query('BEGIN');
    try {
      await c.query('DELETE FROM edfi_mock_sandboxes.catalog WHERE NOT (id = ANY($1))', [records.map((r) => r.id)]);
      for (const r of records)
        await c.query('INSERT INTO edfi_mock_sandboxes.catalog (id, record) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record', [
          r.id,
          JSON.stringify(r),
        ]);
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}
