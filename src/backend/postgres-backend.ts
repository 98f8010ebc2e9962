import pg from 'pg';
import { type ChangeRecord, type StoredDocument, descriptorRefsOf, keysOf, refsOf, storedDocument } from '../store/document-store';
import { joinKey } from '../store/key-codec';
import { type Undo, createMemoryStore } from '../store/memory-store';
import type { DocumentId } from '../util/brand';
import type { Logger } from '../util/logger';
import { outcome } from '../util/outcome';
import type { Backend } from './backend';
import { redactUrl } from '../util/redact-url';

/**
 * PostgreSQL for shared deployments: many edfi-mock processes over one database, one schema per ODS instance.
 *
 * The database is the source of truth; each process keeps the documents in memory (the same store and indexes as
 * the embedded default) and brings them up to date before every request from the change versions it has not seen.
 * A write runs its store-dependent steps inside a transaction that holds the data set's advisory lock, after catching
 * up inside that lock: the steps decide on the current data, so natural keys stay unique, references resolve,
 * dependents block deletes and If-Match has one winner across processes, and change versions are handed out in commit
 * order (a reader can never see version 12 before 11). The changes go in with one call to the schema's `apply`
 * function; the constraints (unique keys, referenced documents) stand behind the steps. Cascades are one transaction.
 */

/** Schema version this code creates and migrates to. */
const SCHEMA_VERSION = 1;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The tables and functions of one instance's schema (idempotent). */
function ddl(s: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.meta (name text PRIMARY KEY, value text NOT NULL);
INSERT INTO ${s}.meta VALUES ('schema', '${SCHEMA_VERSION}'), ('cv', '0'), ('seeded', 'false'), ('secret', md5(random()::text || clock_timestamp()::text)) ON CONFLICT (name) DO NOTHING;
CREATE TABLE IF NOT EXISTS ${s}.documents (
  id text PRIMARY KEY,
  resource text NOT NULL,
  key text NOT NULL,
  alias text,
  body text NOT NULL,
  -- For SQL over the documents; jsonb cannot hold a NUL character, so a body with one has none.
  doc jsonb GENERATED ALWAYS AS (CASE WHEN position('\\u0000' in body) = 0 THEN body::jsonb END) STORED,
  sec bigint NOT NULL,
  sub integer NOT NULL,
  refs text[] NOT NULL,
  descriptor_refs text[] NOT NULL,
  cv bigint NOT NULL,
  seq bigint NOT NULL
);
-- Added after schema version 1 was released: the ownership token of a document's creator (ownership-based authorization).
ALTER TABLE ${s}.documents ADD COLUMN IF NOT EXISTS owner text;
CREATE UNIQUE INDEX IF NOT EXISTS documents_natural_key ON ${s}.documents (resource, key);
CREATE UNIQUE INDEX IF NOT EXISTS documents_alias_key ON ${s}.documents (alias) WHERE alias IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_cv ON ${s}.documents (cv);
CREATE TABLE IF NOT EXISTS ${s}.refs (
  doc_id text NOT NULL REFERENCES ${s}.documents (id) ON DELETE CASCADE,
  target_id text NOT NULL REFERENCES ${s}.documents (id),
  PRIMARY KEY (doc_id, target_id)
);
CREATE INDEX IF NOT EXISTS refs_target ON ${s}.refs (target_id);
CREATE TABLE IF NOT EXISTS ${s}.changes (
  cv bigint PRIMARY KEY,
  type text NOT NULL,
  id text NOT NULL,
  resource text NOT NULL,
  before text NOT NULL,
  after text
);
CREATE OR REPLACE FUNCTION ${s}.apply(ops jsonb, head bigint) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE o jsonb;
BEGIN
  FOR o IN SELECT value FROM jsonb_array_elements(ops) LOOP
    IF o->>'op' = 'put' THEN
      INSERT INTO ${s}.documents (id, resource, key, alias, body, sec, sub, refs, descriptor_refs, cv, seq, owner)
      VALUES (o->>'id', o->>'resource', o->>'key', o->>'alias', o->>'body', (o->>'sec')::bigint, (o->>'sub')::integer,
              ARRAY(SELECT jsonb_array_elements_text(o->'refs')), ARRAY(SELECT jsonb_array_elements_text(o->'drefs')),
              (o->>'cv')::bigint, (o->>'seq')::bigint, o->>'owner')
      ON CONFLICT (id) DO UPDATE SET key = EXCLUDED.key, alias = EXCLUDED.alias, body = EXCLUDED.body, sec = EXCLUDED.sec,
        sub = EXCLUDED.sub, refs = EXCLUDED.refs, descriptor_refs = EXCLUDED.descriptor_refs, cv = EXCLUDED.cv;
      DELETE FROM ${s}.refs WHERE doc_id = o->>'id';
      INSERT INTO ${s}.refs (doc_id, target_id)
        SELECT DISTINCT o->>'id', t FROM jsonb_array_elements_text((o->'refs') || (o->'drefs')) AS t;
      IF o ? 'before' THEN
        INSERT INTO ${s}.changes VALUES ((o->>'cv')::bigint, 'key-changed', o->>'id', o->>'resource', o->>'before', o->>'body');
      END IF;
    ELSE
      DELETE FROM ${s}.documents WHERE id = o->>'id';
      INSERT INTO ${s}.changes VALUES ((o->>'cv')::bigint, 'deleted', o->>'id', o->>'resource', o->>'before', NULL);
    END IF;
  END LOOP;
  UPDATE ${s}.meta SET value = head::text WHERE name = 'cv';
END
$fn$;`;
}

/**
 * An alias key as the database keeps it: PostgreSQL text cannot hold the codec's NUL between entity and parts, and an
 * entity name never holds a '/'.
 */
const aliasToDb = (alias: string) => alias.replace('\u0000', '/');
const aliasFromDb = (alias: string) => alias.replace('/', '\u0000');

/** One change of a write, as the schema's `apply` takes it. */
type Op =
  | {
      op: 'put';
      id: string;
      resource: string;
      key: string;
      alias?: string;
      body: string;
      sec: number;
      sub: number;
      refs: string[];
      drefs: string[];
      cv: number;
      seq: number;
      before?: string;
    }
  | { op: 'delete'; id: string; resource: string; cv: number; before: string };

/** A write transaction shared by the requests that joined it (group commit), and its changes so far. */
interface Group {
  state: 'opening' | 'open' | 'committing';
  /** Resolves when the transaction holds the data set's lock and the store caught up inside it. */
  ready: Promise<void>;
  client?: pg.PoolClient;
  ops: Op[];
  undos: Undo[];
  versionBefore: number;
  /** Settles once the group committed (or failed and was taken back). */
  done: Promise<void>;
  settle: (err?: Error) => void;
  scheduled: boolean;
}

type DocRow = [string, string, string, string | null, string, number, number, string[], string[], number, number, string | null];
type ChangeRow = [number, 'deleted' | 'key-changed', string, string, string, string | null];

/** The backend of one schema over a shared pool. */
async function openSchema(pool: pg.Pool, schema: string, logger: Logger, onClose: () => Promise<void>): Promise<Backend> {
  const s = `"${schema}"`;
  const store = createMemoryStore();
  const lockKey = `edfi-mock:${schema}`;
  let seeded = false;
  /** The group whose member's steps are running: the listener records their changes in it. */
  let txn: Group | undefined;

  /** Applies what a consistent read found, unless a newer read already did (checked and applied without a pause). */
  const apply = (head: number, docs: DocRow[], changes: ChangeRow[]) => {
    if (head <= store.changeVersion()) return;
    for (const [id, resource, key, alias, body, sec, sub, refs, descriptorRefs, cv, seq, owner] of docs) {
      const doc = storedDocument({
        id: id as DocumentId,
        resource,
        keys: alias === null ? [joinKey(resource, key)] : [joinKey(resource, key), aliasFromDb(alias)],
        body,
        stamp: { sec: Number(sec), sub },
        refs: refs as DocumentId[],
        descriptorRefs: descriptorRefs as DocumentId[],
        ...(owner === null || owner === undefined ? {} : { owner }),
      });
      doc.cv = Number(cv);
      doc.seq = Number(seq);
      store.load(doc, false);
    }
    for (const [cv, type, id, resource, before, after] of changes) {
      const record: ChangeRecord = { type, cv: Number(cv), id: id as DocumentId, resource, before, ...(after === null ? {} : { after }) };
      if (type === 'deleted') store.loadDelete(record);
      else store.loadChange(record);
    }
    store.invalidate();
  };

  /**
   * Reads the changes after the store's version. Outside the lock the pages are read in one repeatable-read snapshot;
   * inside it nothing else can commit, so the transaction's own statements agree.
   */
  const catchUp = async (q: pg.PoolClient | pg.Pool, inLock: boolean) => {
    const meta = async (c: pg.PoolClient | pg.Pool) => {
      const rows = (await c.query<{ name: string; value: string }>(`SELECT name, value FROM ${s}.meta WHERE name IN ('cv', 'seeded')`)).rows;
      const get = (n: string) => rows.find((r) => r.name === n)?.value;
      seeded ||= get('seeded') === 'true';
      return Number(get('cv'));
    };
    const first = await meta(q);
    if (first <= store.changeVersion()) return;
    const c = inLock ? (q as pg.PoolClient) : await pool.connect();
    try {
      if (!inLock) await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const head = inLock ? first : await meta(c);
      const from = store.changeVersion();
      const docs: DocRow[] = [];
      for (let seq = -1; ;) {
        const page = (
          await c.query<{ r: DocRow }>(
            `SELECT json_build_array(id, resource, key, alias, body, sec, sub, refs, descriptor_refs, cv, seq, owner) AS r FROM ${s}.documents WHERE cv > $1 AND seq > $2 ORDER BY seq LIMIT 5000`,
            [from, seq],
          )
        ).rows;
        for (const row of page) docs.push(row.r);
        if (page.length < 5000) break;
        seq = Number(page[page.length - 1].r[10]);
      }
      const changes = (
        await c.query<{ r: ChangeRow }>(`SELECT json_build_array(cv, type, id, resource, before, after) AS r FROM ${s}.changes WHERE cv > $1 ORDER BY cv`, [
          from,
        ])
      ).rows.map((row) => row.r);
      if (!inLock) await c.query('COMMIT');
      apply(head, docs, changes);
    } finally {
      if (!inLock) c.release();
    }
  };

  // Requests that arrive while a catch-up is under way share the next one (it starts after they arrived, so it sees
  // every write acknowledged before them, whichever process made it).
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const startCatchUp = () => (running = catchUp(pool, false).finally(() => (running = undefined)));
  const refresh = (): Promise<void> => {
    if (!running) return startCatchUp();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return startCatchUp();
      });
    return next;
  };

  store.listen({
    put: (doc: StoredDocument, previous) => {
      if (!txn) throw new Error(`${schema}: a document was written outside a write transaction`);
      const [, alias] = keysOf(doc);
      txn.ops.push({
        op: 'put',
        id: doc.id,
        resource: doc.resource,
        key: doc.key,
        ...(alias === undefined ? {} : { alias: aliasToDb(alias) }),
        body: doc.body,
        sec: doc.sec,
        sub: doc.sub,
        refs: refsOf(doc),
        drefs: descriptorRefsOf(doc),
        cv: doc.cv,
        seq: doc.seq,
        ...(doc.owner === undefined ? {} : { owner: doc.owner }),
        ...(previous && previous.key !== doc.key ? { before: previous.body } : {}),
      });
      txn.undos.push({ id: doc.id, previous });
    },
    delete: (doc, tombstone) => {
      if (!txn) throw new Error(`${schema}: a document was deleted outside a write transaction`);
      txn.ops.push({ op: 'delete', id: doc.id, resource: doc.resource, cv: tombstone.cv, before: tombstone.before });
      txn.undos.push({ id: doc.id, previous: doc });
    },
  });

  /**
   * Group commit: requests that begin a write while a transaction is open (or opening) join it and run their steps
   * in it one after another (steps are synchronous, so each request's changes are contiguous); one `apply` and one
   * COMMIT then make them all durable, and each is answered after it. A request the steps refuse takes back only its
   * own changes. A failed commit takes back the whole group and every member gets a 503.
   */
  const openGroup = (after: Promise<void> | undefined): Group => {
    const g: Group = { state: 'opening', ops: [], undos: [], versionBefore: 0, ...outcome(), scheduled: false, ready: Promise.resolve() };
    g.ready = (async () => {
      // A group builds on the previous one's changes: it opens once that one committed or was taken back.
      await after?.catch(() => undefined);
      const client = await pool.connect().catch((err: Error) => {
        if (group === g) group = undefined;
        g.settle(err);
        throw err;
      });
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
        await catchUp(client, true);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
        if (group === g) group = undefined;
        g.settle(err instanceof Error ? err : new Error(String(err)));
        throw err;
      }
      g.client = client;
      g.versionBefore = store.changeVersion();
      g.state = 'open';
    })();
    return g;
  };
  const commit = async (g: Group) => {
    g.state = 'committing';
    if (group === g) group = undefined;
    const client = g.client!;
    try {
      if (g.ops.length) {
        await client.query(`SELECT ${s}.apply($1::jsonb, $2)`, [JSON.stringify(g.ops), store.changeVersion()]);
        await client.query('COMMIT');
      } else await client.query('ROLLBACK');
      client.release();
      g.settle();
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      // Nothing was committed (or the commit's answer was lost, and the next catch-up brings it back): take it back here.
      store.revert(g.undos, g.versionBefore);
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(err);
      logger.error({ err, schema, changes: g.ops.length }, 'a write transaction failed; its changes were taken back');
      g.settle(err);
    }
  };
  /** The member whose steps are running now, and where its changes start in the group. */
  let member: { group: Group; from: number } | undefined;
  const beginWrite = (): Promise<void> | undefined => {
    const join = (g: Group) => {
      member = { group: g, from: g.ops.length };
      txn = g;
    };
    if (group?.state === 'open') {
      join(group);
      return undefined;
    }
    if (!group) group = openGroup(last?.done);
    const g = group;
    last = g;
    return g.ready.then(() => join(g));
  };
  const endWrite = (keep: boolean): Promise<void> | undefined => {
    const m = member;
    member = undefined;
    txn = undefined;
    if (!m) return undefined;
    const g = m.group;
    if (!keep) {
      // Only this member's changes go back; the rest of the group stays.
      if (g.ops.length > m.from) {
        // Each change took the next change version: the member's first one minus one is where the store goes back to.
        store.revert(g.undos.slice(m.from), g.ops[m.from].cv - 1);
        g.ops.length = m.from;
        g.undos.length = m.from;
      }
      if (!g.scheduled && g.state === 'open') scheduleCommit(g);
      return undefined;
    }
    scheduleCommit(g);
    return g.done;
  };
  const scheduleCommit = (g: Group) => {
    if (g.scheduled) return;
    g.scheduled = true;
    // setImmediate lets every request that joined in this turn of the event loop run its steps first.
    setImmediate(() => void commit(g));
  };
  let last: Group | undefined;
  let group: Group | undefined;

  await catchUp(pool, false);
  const secret = (await pool.query<{ value: string }>(`SELECT value FROM ${s}.meta WHERE name = 'secret'`)).rows[0].value;
  logger.info({ schema, documents: store.size(), changeVersion: store.changeVersion() }, 'PostgreSQL data set loaded');
  return {
    kind: 'postgres',
    store,
    secret,
    get seeded() {
      return seeded;
    },
    markSeeded: async () => {
      await pool.query(`UPDATE ${s}.meta SET value = 'true' WHERE name = 'seeded'`);
      seeded = true;
    },
    refresh,
    beginWrite,
    endWrite,
    flush: async () => undefined,
    compact: async () => undefined,
    close: async () => {
      // The last group finishes first: opened, its members' changes committed.
      const g = last;
      await g?.ready.catch(() => undefined);
      if (g?.state === 'open') scheduleCommit(g);
      await g?.done.catch(() => undefined);
      await onClose();
    },
  };
}

/**
 * Opens one backend per schema over one pool: creates or migrates the schemas (under a lock, so processes starting
 * together do not race) and loads each data set. The pool closes with the last backend.
 */
export async function openPostgresBackends(url: string, schemas: readonly string[], logger: Logger, poolSize = 10): Promise<Backend[]> {
  for (const schema of schemas) if (!SCHEMA_NAME.test(schema)) throw new Error(`--store: '${schema}' is not a valid schema name`);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server drops must not take the process down.
  pool.on('error', (err) => logger.error({ err: err.message }, 'an idle PostgreSQL connection failed'));
  try {
    const client = await pool.connect().catch((err: Error) => {
      throw new Error(`--store: cannot connect to ${redactUrl(url)}: ${err.message}`);
    });
    try {
      await client.query("SELECT pg_advisory_lock(hashtext('edfi-mock:migrate'))");
      for (const schema of schemas) {
        await client.query(ddl(`"${schema}"`));
        const version = Number((await client.query<{ value: string }>(`SELECT value FROM "${schema}".meta WHERE name = 'schema'`)).rows[0].value);
        if (version > SCHEMA_VERSION) throw new Error(`--store: schema ${schema} was made by a newer edfi-mock (version ${version}); upgrade edfi-mock`);
      }
      await client.query("SELECT pg_advisory_unlock(hashtext('edfi-mock:migrate'))");
    } finally {
      client.release();
    }
    let open = schemas.length;
    const onClose = async () => {
      if (--open === 0) await pool.end();
    };
    const backends: Backend[] = [];
    for (const schema of schemas) backends.push(await openSchema(pool, schema, logger, onClose));
    return backends;
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}
