import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCamel } from '../../util/inflect';

/** One column of an ODS table. */
export interface DdlColumn {
  name: string;
  /** SQL type without arguments: INT, BIGINT, VARCHAR, DECIMAL, DATE, ... */
  type: string;
  /** VARCHAR length, or DECIMAL precision. */
  size?: number;
  /** DECIMAL scale. */
  scale?: number;
  nullable: boolean;
}

/** A foreign key: columns of `table` that hold the primary key of `references`. */
export interface DdlForeignKey {
  table: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
}

/** One table: its columns and primary key. */
export interface OdsTable {
  columns: DdlColumn[];
  primaryKey: string[];
}

/** ODS/API's PostgreSQL tables of the `edfi` schema for one Data Standard. */
export interface OdsTables {
  tables: Map<string, OdsTable>;
  foreignKeys: DdlForeignKey[];
}

/** Columns ODS adds to every table for its own bookkeeping: not part of the Ed-Fi model. */
export const AUDIT_COLUMNS = new Set(['Discriminator', 'CreateDate', 'LastModifiedDate', 'Id', 'ChangeVersion', 'AggregateId', 'AggregateData']);

const splitCols = (s: string): string[] => s.split(',').map((c) => c.trim().replace(/\s+(ASC|DESC)$/i, ''));

/** Reads `0020-Tables.sql` and `0030-ForeignKeys.sql` of one Data Standard (the `edfi` schema only). */
export function readOdsTables(dir: string): OdsTables {
  const tablesSql = readFileSync(join(dir, '0020-Tables.sql'), 'utf8');
  const tables: OdsTables['tables'] = new Map();
  for (const m of tablesSql.matchAll(/CREATE TABLE edfi\.(\w+) \(\n([\s\S]*?)\n\);/g)) {
    const columns: DdlColumn[] = [];
    let primaryKey: string[] = [];
    for (const line of m[2].split('\n')) {
      const pk = /PRIMARY KEY \(([^)]*)\)/.exec(line);
      if (pk) primaryKey = splitCols(pk[1]);
      const col = /^\s+(\w+) ([A-Z]+)(?:\((\d+)(?:,\s*(\d+))?\))?( NOT NULL| NULL)?/.exec(line);
      if (!col || col[1] === 'CONSTRAINT') continue;
      columns.push({
        name: col[1],
        type: col[2],
        size: col[3] === undefined ? undefined : Number(col[3]),
        scale: col[4] === undefined ? undefined : Number(col[4]),
        nullable: col[5] !== ' NOT NULL',
      });
    }
    tables.set(m[1], { columns, primaryKey });
  }
  const fkSql = readFileSync(join(dir, '0030-ForeignKeys.sql'), 'utf8');
  const foreignKeys: DdlForeignKey[] = [];
  const re = /ALTER TABLE edfi\.(\w+) ADD CONSTRAINT \w+ FOREIGN KEY \(([^)]*)\)\s*REFERENCES edfi\.(\w+) \(([^)]*)\)/g;
  for (const m of fkSql.matchAll(re)) {
    foreignKeys.push({ table: m[1], columns: splitCols(m[2]), references: m[3], referencedColumns: splitCols(m[4]) });
  }
  return { tables, foreignKeys };
}

/**
 * The table of an entity or child collection. PostgreSQL cuts names at 63 characters: ODS then keeps a prefix and
 * adds `_` and six hex digits of a hash (`RecruitmentEventAttendanceRecruitmentEventAttendeeQualif_82dbb7`).
 */
export function findTable(ods: OdsTables, name: string): OdsTable | undefined {
  const exact = ods.tables.get(name);
  if (exact) return exact;
  // The API spells a leading acronym as a word (IdeaEvent), the tables as the XSD does (IDEAEvent).
  const lower = name.toLowerCase();
  for (const [t, table] of ods.tables) if (t.toLowerCase() === lower) return table;
  if (name.length <= 63) return undefined;
  for (const [t, table] of ods.tables) {
    const cut = /^(\w+)_[0-9a-f]{6}$/.exec(t)?.[1];
    if (cut && name.startsWith(cut)) return table;
  }
  return undefined;
}

/**
 * The API member name of a key column: `StudentUSI` -> `studentUniqueId` (ODS swaps the surrogate for the person's
 * unique id), `GradeLevelDescriptorId` -> `gradeLevelDescriptor` (a descriptor travels as its URI), else camelCase.
 */
export function apiNameOfColumn(column: string): string {
  const name = column.endsWith('USI') ? `${column.slice(0, -3)}UniqueId` : column.endsWith('DescriptorId') ? column.slice(0, -2) : column;
  return apiCamel(name);
}

/**
 * The columns of the foreign key that stores one reference: from the holder's table (or its base's) to the target's
 * (or its base's). Of several keys to one target, the one whose columns carry the reference's role name
 * (`nextYearSchoolReference` -> NextYearSchoolId) or, without a role, its plain field names (SchoolId).
 */
export function referenceColumns(
  ods: OdsTables,
  holders: readonly string[],
  targets: readonly string[],
  ref: { member: string; target: string; fields: readonly string[] },
): Set<string> {
  const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
  const [hs, ts] = [lower(holders), lower(targets)];
  const keys = ods.foreignKeys.filter((f) => hs.has(f.table.toLowerCase()) && ts.has(f.references.toLowerCase()));
  const stem = ref.member.replace(/Reference$/, '');
  const role = stem.toLowerCase().endsWith(ref.target.toLowerCase()) ? stem.slice(0, stem.length - ref.target.length) : '';
  const score = (cols: string[]) =>
    cols
      .map(apiNameOfColumn)
      .reduce((n, c) => n + (role && ref.fields.some((f) => c === role + f.charAt(0).toUpperCase() + f.slice(1)) ? 2 : ref.fields.includes(c) ? 1 : 0), 0);
  const best = keys.reduce<DdlForeignKey | undefined>((b, f) => (!b || score(f.columns) > score(b.columns) ? f : b), undefined);
  return new Set(best?.columns ?? []);
}
