import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleDef } from '../rules/rule-set';
import type { SeedRange } from '../store/seed';
import type { Wire } from './context';

/** One year-specific ODS of a state profile. */
export interface YearConfig {
  schoolYear: number;
  /** ODS/API release the state runs that year, e.g. 5.3, 6.1, 7.3. */
  apiVersion: string;
  dataStandard: string;
  extensions?: string[];
}

/** Descriptor values a profile seeds (state namespaces), optionally only in some years. */
export interface DescriptorSet {
  descriptor: string;
  namespace: string;
  years?: number[];
  /** [codeValue, shortDescription, description?] */
  values: [string, string, string?][];
}

/** Documents a profile seeds through the write pipeline (e.g. the state's program catalogue). */
export interface DocumentSet {
  resource: string;
  years?: number[];
  /** Members shared by every item; each item's members are laid over it. */
  template: Record<string, unknown>;
  items: Record<string, unknown>[];
}

/** A profile file of schemas/profiles/: what a state's API looks like, year by year. */
export interface Profile {
  name: string;
  title: string;
  description: string;
  /** Single-instance profiles (no year in the route). */
  apiVersion?: string;
  dataStandard?: string;
  /** The Data Standards `--data-standard` may choose (those the profile's ODS/API release ships). */
  dataStandards?: string[];
  extensions?: string[];
  /** Year-specific profiles: one isolated ODS per school year. */
  years?: YearConfig[];
  seedRanges: SeedRange[];
  descriptors?: DescriptorSet[];
  documents?: DocumentSet[];
  rules?: RuleDef[];
  /** Attributes a client carries in the clients file (e.g. WI configurationProfile), with their allowed values. */
  clientAttributes?: Record<string, { values: string[]; default: string }>;
  /** Development clients printed at start-up when no clients file is given. */
  devClients?: { name: string; attributes?: Record<string, string>; educationOrganizationIds?: number[]; claimSetName?: string }[];
  calendar?: { start: string; end: string };
}

/** One ODS instance of a profile: a school year (or none) with its release, standard and extensions. */
export interface Instance {
  schoolYear?: number;
  apiVersion: string;
  dataStandard: string;
  extensions: string[];
}

/** Reads schemas/profiles/<name>.json; an unknown name lists the profiles there are. */
export function loadProfile(schemasDir: string, name: string): Profile {
  const dir = join(schemasDir, 'profiles');
  const file = join(dir, `${name}.json`);
  if (!/^[a-z0-9-]+$/i.test(name) || !existsSync(file)) {
    const known = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5));
    throw new Error(`unknown profile '${name}' (available: ${known.join(', ')})`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Profile;
}

/** The Data Standards compiled under schemas/ (`ds-5.2` -> `5.2`), oldest first. */
export function availableDataStandards(schemasDir: string): string[] {
  return readdirSync(schemasDir)
    .filter((f) => /^ds-\d+\.\d+$/.test(f))
    .map((f) => f.slice(3))
    .sort((a, b) => Number(a) - Number(b));
}

/**
 * The profile serving another Data Standard (`serve --data-standard`). Only a profile without school years can: a
 * state profile's years each serve the Data Standard the state documented for them.
 */
export function withDataStandard(p: Profile, dataStandard: string, schemasDir: string): Profile {
  if (p.years?.length) {
    const years = p.years.map((y) => `${y.schoolYear}: ${y.dataStandard}`).join(', ');
    throw new Error(`a Data Standard can be chosen for the edfi profile only; profile ${p.name} serves the one of each school year (${years})`);
  }
  const compiled = availableDataStandards(schemasDir);
  const known = p.dataStandards?.filter((d) => compiled.includes(d)) ?? compiled;
  if (!known.includes(dataStandard)) throw new Error(`unknown Data Standard '${dataStandard}' for profile ${p.name} (available: ${known.join(', ')})`);
  return { ...p, dataStandard };
}

/** A profile by name, on another Data Standard when one is given (`--data-standard`, a sandbox's `dataStandard`). */
export function loadProfileOn(schemasDir: string, name: string, dataStandard?: string): Profile {
  const profile = loadProfile(schemasDir, name);
  return dataStandard ? withDataStandard(profile, dataStandard, schemasDir) : profile;
}

/** The ODS instances a profile serves: each configured year, or one instance without a year. */
export function instancesOf(p: Profile): Instance[] {
  if (p.years?.length) return p.years.map((y) => ({ ...y, extensions: y.extensions ?? p.extensions ?? [] }));
  return [{ apiVersion: p.apiVersion ?? '7.3', dataStandard: p.dataStandard ?? '5.2', extensions: p.extensions ?? [] }];
}

/** Where an instance's routes go: after the year for 7.x (`/2026/data/v3`), inside data/v3 for 5.x/6.x (`/data/v3/2024`). */
export type Placement = 'before' | 'after';

/** Wire facts of an ODS/API release (edfi-api-behavior.md §1.2, §4, §5, §8.1). */
export function wireFor(apiVersion: string): Wire & { placement: Placement; defaultPageSize: number } {
  const major = Number(apiVersion.split('.')[0]);
  const minor = Number(apiVersion.split('.')[1] ?? 0);
  const modern = major > 7 || (major === 7 && minor >= 2);
  return {
    apiVersion,
    flavor: modern ? 'ods7' : 'ods5',
    lastModifiedDate: major >= 6,
    keyChange: modern ? 'reject' : 'ignore',
    placement: major >= 7 ? 'before' : 'after',
    // ODS parity: 5.x pages 25 items by default, 6.x and later DefaultPageSizeLimit (500).
    defaultPageSize: major >= 6 ? 500 : 25,
  };
}

/** Whether a year-filtered entry applies to an instance. */
export const inYear = (years: readonly number[] | undefined, year: number | undefined): boolean => !years || year === undefined || years.includes(year);
