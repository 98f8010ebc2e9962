import { memoryBackend } from '../backend/memory-backend';
import type { Registry } from '../model/registry';
import { createProfileHost } from '../pipeline/host';
import { instancesOf, loadProfile } from '../pipeline/profile';
import { descriptorRefsOf, keysOf, refsOf, storedDocument } from '../store/document-store';
import { splitKey } from '../store/key-codec';
import { createMemoryStore } from '../store/memory-store';
import type { DocumentId } from '../util/brand';
import type { Logger } from '../util/logger';
import type { Sandbox } from './fleet';
import { type Template, documentsOf } from './templates';

/** The file `sandbox export` writes and `sandbox import` reads. */
export interface SandboxFile {
  format: 'edfi-mock-sandbox';
  version: 1;
  exportedAt: string;
  sandbox: { name: string; profile: string; years?: number[]; template: string };
  instances: { schoolYear: number | null; documents: ExportedDocument[] }[];
}

/** A document as stored: its id, entity, index keys, body, modification stamp and what it references. */
export interface ExportedDocument {
  id: string;
  resource: string;
  keys: string[];
  body: Record<string, unknown>;
  stamp: { sec: number; sub: number };
  refs: string[];
  descriptorRefs: string[];
  /** Ownership token of its creator, when it has one. */
  owner?: string;
}

/** Everything a sandbox holds, every school year, ids and ETags included. */
export function exportSandbox(sandbox: Sandbox): SandboxFile {
  const { record, host } = sandbox;
  return {
    format: 'edfi-mock-sandbox',
    version: 1,
    exportedAt: new Date().toISOString(),
    sandbox: { name: record.name, profile: record.profile, ...(record.years ? { years: record.years } : {}), template: record.template.name },
    instances: host.envs.map((env) => ({
      schoolYear: env.schoolYear ?? null,
      documents: [...env.store.ids()].map((id) => {
        const d = env.store.get(id)!;
        return {
          id: d.id,
          resource: d.resource,
          keys: keysOf(d),
          body: JSON.parse(d.body) as Record<string, unknown>,
          stamp: { sec: d.sec, sub: d.sub },
          refs: refsOf(d),
          descriptorRefs: descriptorRefsOf(d),
          ...(d.owner === undefined ? {} : { owner: d.owner }),
        };
      }),
    })),
  };
}

const ID = /^[0-9a-f]{32}$/;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Checks one school year's documents of a file; returns the problems found (at most a few per kind). */
function checkDocuments(registry: Registry, docs: unknown[], where: string): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const d of docs) if (isObject(d) && typeof d.id === 'string') ids.add(d.id);
  docs.forEach((d, i) => {
    if (problems.length >= 10) return;
    const at = `${where}, document ${i + 1}`;
    if (!isObject(d)) return problems.push(`${at}: not an object`);
    if (typeof d.id !== 'string' || !ID.test(d.id)) return problems.push(`${at}: "id" must be 32 lower-case hex digits`);
    if (typeof d.resource !== 'string' || !registry.byName.has(d.resource)) return problems.push(`${at}: unknown resource ${JSON.stringify(d.resource)}`);
    if (!Array.isArray(d.keys) || !d.keys.length || !d.keys.every((k) => typeof k === 'string') || splitKey(d.keys[0] as string)[0] !== d.resource)
      return problems.push(`${at}: "keys" must start with the ${d.resource} key`);
    if (!isObject(d.body)) return problems.push(`${at}: "body" must be an object`);
    if (!isObject(d.stamp) || !Number.isInteger(d.stamp.sec) || !Number.isInteger(d.stamp.sub))
      return problems.push(`${at}: "stamp" must hold whole sec and sub`);
    for (const member of ['refs', 'descriptorRefs'] as const) {
      const list = d[member];
      if (!Array.isArray(list)) return problems.push(`${at}: "${member}" must be an array`);
      const dangling = list.find((r) => typeof r !== 'string' || !ids.has(r));
      if (dangling !== undefined) return problems.push(`${at}: "${member}" names ${JSON.stringify(dangling)}, which is not a document of the file`);
    }
    return undefined;
  });
  return problems;
}

/**
 * Reads a sandbox file into a template (the data a reset returns to), checking every document: a known resource, its
 * own keys, and references to documents of the same school year only. Keys must be unique in each year.
 */
export function importTemplate(schemasDir: string, file: unknown, logger: Logger, registries: Map<string, Registry>): Template | { errors: string[] } {
  const started = Date.now();
  if (!isObject(file) || file.format !== 'edfi-mock-sandbox') return { errors: ['not an edfi-mock sandbox file (its "format" must be "edfi-mock-sandbox")'] };
  if (file.version !== 1) return { errors: [`sandbox file version ${JSON.stringify(file.version)} is not one this edfi-mock reads (1)`] };
  const f = file as unknown as SandboxFile;
  if (!isObject(f.sandbox) || typeof f.sandbox.profile !== 'string' || !Array.isArray(f.instances))
    return { errors: ['"sandbox.profile" and "instances" are required'] };
  let profile;
  try {
    profile = loadProfile(schemasDir, f.sandbox.profile);
  } catch (err) {
    return { errors: [(err as Error).message] };
  }
  const known = instancesOf(profile).map((i) => i.schoolYear ?? null);
  const years = f.instances.map((i) => (isObject(i) ? i.schoolYear : undefined));
  const unknown = years.filter((y) => !known.includes(y as number | null));
  if (unknown.length || !years.length)
    return { errors: [`the file's school years ${JSON.stringify(years)} are not years of profile ${profile.name} (${JSON.stringify(known)})`] };
  const host = createProfileHost({
    schemasDir,
    profileData: profile,
    clients: [],
    logger,
    years: known.every((y) => y === null) ? undefined : (years as number[]),
    registries,
  });
  // The host loaded each year's registry (and seeded throwaway stores); the file's documents replace them.
  const errors: string[] = [];
  for (const env of host.envs) {
    const instance = f.instances.find((i) => (i.schoolYear ?? undefined) === env.schoolYear)!;
    const docs: unknown[] = Array.isArray(instance.documents) ? instance.documents : [];
    const where = env.schoolYear === undefined ? 'the data set' : `school year ${env.schoolYear}`;
    const found = checkDocuments(env.registry, docs, where);
    if (found.length) {
      errors.push(...found);
      continue;
    }
    const store = createMemoryStore();
    for (const d of docs as ExportedDocument[]) {
      if (store.get(d.id as DocumentId) || store.getByKey(d.keys[0])) {
        errors.push(`${where}: document ${d.id} repeats an id or the natural key of another`);
        break;
      }
      store.put(
        storedDocument({
          id: d.id as DocumentId,
          resource: d.resource,
          keys: d.keys,
          body: JSON.stringify(d.body),
          stamp: d.stamp,
          refs: d.refs as DocumentId[],
          descriptorRefs: d.descriptorRefs as DocumentId[],
          ...(typeof d.owner === 'string' ? { owner: d.owner } : {}),
        }),
      );
    }
    env.backend = memoryBackend(store, true);
    env.store = store;
  }
  if (errors.length) return { errors };
  const spec = { name: 'import' as const, profile: profile.name, ...(known.every((y) => y === null) ? {} : { years: years as number[] }) };
  return { spec, profile, host, documents: documentsOf(host.envs), buildMs: Date.now() - started };
}
