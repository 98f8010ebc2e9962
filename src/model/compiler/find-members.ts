import type { OpenAPIV3 } from 'openapi-types';
import type { CollectionModel, DescriptorPath } from '../types';
import { type Components, deref, entityOf, pascal, refName } from './schema-walk';

/** A reference member found while walking a resource schema. */
export interface FoundReference {
  path: string;
  /** Member name of the reference object (last path segment). */
  member: string;
  target: string;
  required: boolean;
  atRoot: boolean;
  holder: string;
  fields: string[];
}

/** References, descriptors and collections of one resource, found by walking its schema. */
export interface FoundMembers {
  references: FoundReference[];
  descriptors: DescriptorPath[];
  collections: CollectionModel[];
}

/** Maps a descriptor-valued member name to its descriptor entity: longest known suffix (role names are prefixes). */
export function descriptorEntity(member: string, known: Set<string>): string | undefined {
  const name = pascal(member);
  const starts = [0, ...[...name].flatMap((c, i) => (i > 0 && c >= 'A' && c <= 'Z' ? [i] : []))];
  for (const i of starts) {
    if (known.has(name.slice(i))) return name.slice(i);
  }
  return undefined;
}

const isReferenceSchema = (name: string): boolean => name.endsWith('Reference') && name !== 'link';

/** Walks a resource schema and lists its references, descriptor members and collections at every depth. */
export function findMembers(root: OpenAPIV3.SchemaObject, rootEntity: string, components: Components, descriptorNames: Set<string>): FoundMembers {
  const found: FoundMembers = { references: [], descriptors: [], collections: [] };
  const walk = (schema: OpenAPIV3.SchemaObject, prefix: string, holder: string, atRoot: boolean, depth: number): void => {
    if (depth > 12) return;
    const required = new Set(schema.required ?? []);
    for (const [member, raw] of Object.entries(schema.properties ?? {})) {
      const path = prefix + member;
      if ('$ref' in raw && isReferenceSchema(refName(raw.$ref))) {
        const refSchema = components[refName(raw.$ref)];
        const fields = Object.keys(refSchema.properties ?? {}).filter((f) => f !== 'link');
        const target = entityOf(refName(raw.$ref)).replace(/Reference$/, '');
        found.references.push({ path, member, target, required: required.has(member), atRoot, holder, fields });
        for (const f of fields) addDescriptor(`${path}.${f}`, f);
        continue;
      }
      const p = deref(raw, components);
      if (p.type === 'array' && p.items) {
        const items = deref(p.items, components);
        const entity = '$ref' in p.items ? entityOf(refName(p.items.$ref)) : pascal(member);
        found.collections.push({ path, entity, itemKey: itemKeyOf(items, components) });
        walk(items, `${path}[].`, entity, false, depth + 1);
      } else if (p.type === 'object' || p.properties) {
        walk(p, `${path}.`, holder, atRoot, depth + 1);
      } else if (p.type === 'string') {
        addDescriptor(path, member);
      }
    }
  };
  const addDescriptor = (path: string, member: string): void => {
    if (!member.endsWith('Descriptor')) return;
    const descriptor = descriptorEntity(member, descriptorNames);
    if (descriptor) found.descriptors.push({ path, descriptor });
  };
  walk(root, '', rootEntity, true, 0);
  return found;
}

/** Identifying members of a collection item: members marked identity plus required references, else all required. */
function itemKeyOf(items: OpenAPIV3.SchemaObject, components: Components): string[] {
  const required = new Set(items.required ?? []);
  const key: string[] = [];
  for (const [member, raw] of Object.entries(items.properties ?? {})) {
    const isRef = '$ref' in raw && isReferenceSchema(refName(raw.$ref));
    const p = deref(raw, components) as OpenAPIV3.SchemaObject & { 'x-Ed-Fi-isIdentity'?: boolean };
    if (p['x-Ed-Fi-isIdentity'] || (isRef && required.has(member))) key.push(member);
  }
  return key.length ? key : [...required];
}
