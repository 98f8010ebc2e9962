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

/** A decimal member's range, as ODS derives it from the column's precision and scale (and the XSD's bounds). */
export interface DecimalRange {
  minimum: number;
  maximum: number;
  /** The bounds as ODS prints them (`-999.99`, `99999999999999.9999`): exact, where a double would round. */
  text: [string, string];
}

/** The range of a decimal of `precision` digits, `scale` of them after the point, as ODS prints it (`-999.99`..`999.99`). */
export function decimalRange(precision: number, scale: number): DecimalRange {
  const whole = precision - scale;
  const limit = `${'9'.repeat(Math.max(whole, 1))}${scale ? `.${'9'.repeat(scale)}` : ''}`;
  return { minimum: -Number(limit), maximum: Number(limit), text: [`-${limit}`, limit] };
}

/**
 * Reads the XSD's decimal simple types (`totalDigits`, `fractionDigits`, `minInclusive`, `maxInclusive`) and the
 * elements typed with them: camel-cased element name -> range. Element names map to one decimal type each in the
 * Data Standards we compile; a name typed twice differently keeps the first and is reported.
 */
export function readXsdDecimals(file: string, warn: (m: string) => void = () => undefined): Map<string, DecimalRange> {
  const text = readFileSync(file, 'utf8');
  const types = new Map<string, DecimalRange>();
  for (const m of text.matchAll(/<xs:simpleType name="(\w+)">([\s\S]*?)<\/xs:simpleType>/g)) {
    const body = m[2];
    if (!/base="xs:decimal"/.test(body)) continue;
    const facet = (name: string) => new RegExp(`<xs:${name} value="([^"]+)"`).exec(body)?.[1];
    const digits = facet('totalDigits');
    if (digits === undefined) continue;
    const own = decimalRange(Number(digits), Number(facet('fractionDigits') ?? 0));
    const min = facet('minInclusive') ?? own.text[0];
    const max = facet('maxInclusive') ?? own.text[1];
    types.set(m[1], { minimum: Number(min), maximum: Number(max), text: [min, max] });
  }
  const out = new Map<string, DecimalRange>();
  for (const m of text.matchAll(/<xs:element name="(\w+)" type="(\w+)"/g)) {
    const range = types.get(m[2]);
    if (!range) continue;
    const name = m[1].charAt(0).toLowerCase() + m[1].slice(1);
    const known = out.get(name);
    if (known && known.text.join() !== range.text.join()) warn(`decimal member ${name} has two ranges in the XSD; kept ${known.text.join('..')}`);
    else out.set(name, range);
  }
  return out;
}
