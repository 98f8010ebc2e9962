import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataView, Item } from '../rules/data-view';
import { splitPath, valueAt, type Path } from '../util/paths';

/** A state extract's mapping (schemas/extracts/<id>.json): which Ed-Fi resource and member each concept reads. */
export interface ExtractMapping {
  id: string;
  title: string;
  /** The extension an instance must carry to offer the extract. */
  extension: string;
  /** The seed document the extract comes from. */
  source: string;
  fileType: string;
  sources: Record<string, { resource: string; members: Record<string, string> }>;
  /** Ed-Fi grade level code values -> state grades. */
  stateGrades: Record<string, string>;
}

/** Reads schemas/extracts/<id>.json once. */
export function loadMapping(schemasDir: string, id: string): ExtractMapping {
  return JSON.parse(readFileSync(join(schemasDir, 'extracts', `${id}.json`), 'utf8')) as ExtractMapping;
}

/** Typed access to one concept's items and members (paths split once). */
export interface Source {
  resource: string;
  all(): Item[];
  get(item: Item, member: string): unknown;
  /** The reference member's target item. */
  follow(item: Item, member: string): Item | undefined;
}

/** The sources of a mapping over one data view. */
export function sourcesOf(mapping: ExtractMapping, view: DataView): Record<string, Source> {
  const out: Record<string, Source> = {};
  for (const [concept, { resource, members }] of Object.entries(mapping.sources)) {
    const paths = new Map<string, Path>(Object.entries(members).map(([k, p]) => [k, splitPath(p)]));
    const pathOf = (member: string): Path => {
      const p = paths.get(member);
      if (!p) throw new Error(`extract ${mapping.id}: ${concept} has no member '${member}'`);
      return p;
    };
    out[concept] = {
      resource,
      all: () => view.all(resource),
      get: (item, member) => valueAt(item.body, pathOf(member)),
      follow: (item, member) => view.follow(item, members[member] ?? pathOf(member).join('.')),
    };
  }
  return out;
}
