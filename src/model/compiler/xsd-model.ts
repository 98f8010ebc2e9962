import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

/** One `xs:element` of a complex type, as the delta needs it. */
export interface XsdElement {
  name: string;
  type: string;
  /** `minOccurs` is not 0 (members of an `xs:choice` count as optional). */
  required: boolean;
  /** `maxOccurs="unbounded"` (or above 1): a collection. */
  many: boolean;
}

/** One `xs:complexType`: its annotation group (Domain Entity, Association, Common, Descriptor, ...), base and elements. */
export interface XsdComplexType {
  name: string;
  group: string;
  abstract: boolean;
  /** `xs:extension base` unless it is one of the XSD's technical roots (ComplexObjectType, ReferenceType, DescriptorType). */
  base?: string;
  elements: XsdElement[];
}

/** One `xs:simpleType` restriction and its facets. */
export interface XsdSimpleType {
  name: string;
  base: string;
  maxLength?: number;
  minLength?: number;
  minInclusive?: string;
  maxInclusive?: string;
  totalDigits?: number;
  fractionDigits?: number;
  enumeration: boolean;
}

/** A Data Standard's XSD, read into complex and simple types by name. */
export interface XsdModel {
  complex: Map<string, XsdComplexType>;
  simple: Map<string, XsdSimpleType>;
}

const TECHNICAL_BASES = new Set(['ComplexObjectType', 'ReferenceType', 'DescriptorType']);

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);

function groupOf(node: Node): string {
  const info = (node['xs:annotation'] as Node | undefined)?.['xs:appinfo'] as Node | undefined;
  return String(info?.['ann:TypeGroup'] ?? '');
}

function elementsOf(holder: Node | undefined, optional = false): XsdElement[] {
  if (!holder) return [];
  const out: XsdElement[] = [];
  for (const e of list(holder['xs:element'])) {
    const max = String(e['@_maxOccurs'] ?? '1');
    out.push({
      name: String(e['@_name']),
      type: String(e['@_type']),
      required: !optional && String(e['@_minOccurs'] ?? '1') !== '0',
      many: max === 'unbounded' || Number(max) > 1,
    });
  }
  for (const c of list(holder['xs:choice'])) out.push(...elementsOf(c, true));
  for (const s of list(holder['xs:sequence'])) out.push(...elementsOf(s, optional));
  return out;
}

function readComplex(node: Node): XsdComplexType {
  const ext = (node['xs:complexContent'] as Node | undefined)?.['xs:extension'] as Node | undefined;
  const base = ext ? String(ext['@_base']) : undefined;
  return {
    name: String(node['@_name']),
    group: groupOf(node),
    abstract: node['@_abstract'] === 'true',
    base: base && !TECHNICAL_BASES.has(base) ? base : undefined,
    elements: elementsOf(ext ?? node),
  };
}

function readSimple(node: Node): XsdSimpleType {
  const r = (node['xs:restriction'] ?? {}) as Node;
  const facet = (name: string): string | undefined => {
    const f = r[`xs:${name}`] as Node | undefined;
    return f === undefined ? undefined : String(list(f)[0]['@_value']);
  };
  const num = (name: string) => (facet(name) === undefined ? undefined : Number(facet(name)));
  return {
    name: String(node['@_name']),
    base: String(r['@_base'] ?? ''),
    maxLength: num('maxLength'),
    minLength: num('minLength'),
    minInclusive: facet('minInclusive'),
    maxInclusive: facet('maxInclusive'),
    totalDigits: num('totalDigits'),
    fractionDigits: num('fractionDigits'),
    enumeration: r['xs:enumeration'] !== undefined,
  };
}

/** Reads a core XSD (every `xs:complexType` and `xs:simpleType` at the top level). */
export function readXsdModel(file: string): XsdModel {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseAttributeValue: false, parseTagValue: false });
  const doc = parser.parse(readFileSync(file, 'utf8')) as Node;
  const schema = doc['xs:schema'] as Node;
  const complex = new Map<string, XsdComplexType>();
  const simple = new Map<string, XsdSimpleType>();
  for (const c of list(schema['xs:complexType'])) complex.set(String(c['@_name']), readComplex(c));
  for (const s of list(schema['xs:simpleType'])) simple.set(String(s['@_name']), readSimple(s));
  return { complex, simple };
}
