import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { XMLParser } from 'fast-xml-parser';
import type { OpenAPIV3 } from 'openapi-types';
import type { DescriptorDefaults } from '../types';

/**
 * Repairs the one known defect of the official inputs: resources-ds-3.3/4.0 quote some `$ref` values twice
 * (`- $ref: ""#/components/parameters/offset""`), which YAML parsers rightly reject. Only that exact pattern is touched.
 */
export function repairDoubleQuotedRefs(text: string): string {
  return text.replace(/\$ref: ""(#\/[^"\s]+)""/g, '$ref: "$1"');
}

/** Reads one official OpenAPI YAML document. */
export function readOpenApi(file: string): OpenAPIV3.Document {
  const text = repairDoubleQuotedRefs(readFileSync(file, 'utf8'));
  return parse(text, { maxAliasCount: -1 }) as OpenAPIV3.Document;
}

/** Reads the default descriptor values of one Data Standard release (one XML file per descriptor). */
export function readDescriptorDefaults(dir: string): DescriptorDefaults {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });
  const out: DescriptorDefaults = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .sort()) {
    const doc = parser.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, Record<string, unknown>>;
    const root = doc.InterchangeDescriptors ?? {};
    for (const [name, value] of Object.entries(root)) {
      const items = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
      const rows = (out[name] ??= []);
      for (const item of items) {
        rows.push([
          String(item.CodeValue ?? ''),
          String(item.ShortDescription ?? item.CodeValue ?? ''),
          String(item.Description ?? item.ShortDescription ?? ''),
          String(item.Namespace ?? ''),
        ]);
      }
    }
  }
  return out;
}

/** Reads `complexType X ... extension base="Y"` pairs of the core XSD: concrete subtypes of abstract entities. */
export function readXsdSubclasses(file: string): Map<string, string> {
  const text = readFileSync(file, 'utf8');
  const out = new Map<string, string>();
  const re = /<xs:complexType name="(\w+)"[^>]*>\s*(?:<xs:annotation>[\s\S]*?<\/xs:annotation>\s*)?<xs:complexContent>\s*<xs:extension base="(\w+)"/g;
  for (const m of text.matchAll(re)) out.set(m[1], m[2]);
  return out;
}

/** Reads `*IdentityType` complex types of the XSD: entity -> its identity element names (for cross-checks). */
export function readXsdIdentities(file: string): Map<string, string[]> {
  const text = readFileSync(file, 'utf8');
  const out = new Map<string, string[]>();
  const re = /<xs:complexType name="(\w+)IdentityType">([\s\S]*?)<\/xs:complexType>/g;
  for (const m of text.matchAll(re)) {
    out.set(
      m[1],
      [...m[2].matchAll(/<xs:element name="(\w+)"/g)].map((e) => e[1]),
    );
  }
  return out;
}
