import { memoryBackend } from '../backend/memory-backend';
import { cloneStore } from '../store/memory-store';
import { newDocumentId } from '../util/ids';
import type { Env } from './context';
import type { ApiRequest, ApiResponse } from './types';

/** A read-only copy of an instance's data at one moment, which snapshot requests read. */
export interface Snapshot {
  id: string;
  /** What 5.x/6.x clients send as `Snapshot-Identifier`. */
  identifier: string;
  at: string;
  env: Env;
}

/**
 * Freezes the instance's documents and change records (a clone that shares the stored versions; later writes do not
 * reach it).
 */
export function takeSnapshot(env: Env, now = new Date()): Snapshot {
  const store = cloneStore(env.store);
  const backend = memoryBackend(store, true);
  const id = newDocumentId();
  const identifier = `edfi-mock-${now.toISOString().replace(/[-:.]/g, '').slice(0, 15)}`;
  return { id, identifier, at: now.toISOString(), env: { ...env, backend, store, snapshot: undefined } };
}

/**
 * Which data a request reads: the snapshot when it asks for one (7.x `Use-Snapshot: true`, 5.x/6.x
 * `Snapshot-Identifier: <identifier>`), an answer when it cannot (a write: 405 with `Allow: GET`; no snapshot: 404),
 * or undefined for the live data.
 */
export function snapshotFor(env: Env, req: ApiRequest): Env | ApiResponse | undefined {
  const ods7 = env.wire.flavor === 'ods7';
  const header = ods7 ? req.headers['use-snapshot'] : req.headers['snapshot-identifier'];
  if (header === undefined) return undefined;
  if (req.method !== 'GET' && req.method !== 'OPTIONS') return env.problems.snapshotReadOnly(req.correlationId);
  if (ods7 && header.trim().toLowerCase() !== 'true') return undefined;
  const snap = env.snapshot;
  if (snap && (ods7 || header.trim() === snap.identifier)) return snap.env;
  return env.problems.snapshotNotFound(req.correlationId);
}

/** `GET /changeQueries/v1/snapshots` (5.x/6.x): the snapshots a client may name. */
export const snapshotList = (env: Env): object[] =>
  env.snapshot ? [{ id: env.snapshot.id, snapshotIdentifier: env.snapshot.identifier, snapshotDateTime: env.snapshot.at }] : [];
