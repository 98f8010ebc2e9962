import type { Client } from '../auth/clients';
import type { Predicate } from './predicates';
import { PREDICATES } from './predicates';

/** A state rule as written in a profile (schemas/profiles/<state>.json). */
export interface RuleDef {
  /** Stable id, cited in error bodies and report findings (e.g. WI-SSA-CHOICE). */
  id: string;
  title: string;
  /** Where the rule comes from: seed file and row or use case. */
  source: string;
  /** `reject`: the API answers 400/403; `report`: listed by GET /{year}/validations. */
  level: 'reject' | 'report';
  /** Report severity (reject rules are errors). */
  severity?: 'error' | 'warning' | 'info';
  /** Entity the rule is about. */
  resource: string;
  /** Name of the predicate in src/rules/predicates.ts. */
  check: string;
  params?: Record<string, unknown>;
  /** School years it applies to (all years of the profile when absent). */
  years?: number[];
  /** Only for clients whose attributes match, e.g. {"configurationProfile": ["Public"]}. */
  clients?: Record<string, string[]>;
  /** Plain-language message; `{value}` and `{detail}` are filled from the violation. */
  message: string;
}

/** A rule ready to run: its predicate looked up once. */
export interface CompiledRule {
  def: RuleDef;
  predicate: Predicate;
}

/** The rules of one ODS instance, looked up per request by entity name. */
export interface RuleSet {
  /** Endpoint access rules (a client profile may not write this resource). */
  access: Map<string, CompiledRule[]>;
  /** Rules checked on every write of the entity. */
  onWrite: Map<string, CompiledRule[]>;
  /** Rules run by the validation report. */
  report: CompiledRule[];
  /** Client attribute defaults of the profile (a client without `attributes` gets these). */
  clientDefaults: Record<string, string>;
  /** School-year window as MM-DD (start in the year before the school year, end in it). */
  calendar: { start: string; end: string };
}

/** Default school-year window (seed 004: 7/1 to 6/30 when the district sets none). */
export const DEFAULT_CALENDAR = { start: '07-01', end: '06-30' };

/** No rules: the plain Ed-Fi profile. */
export const EMPTY_RULES: RuleSet = { access: new Map(), onWrite: new Map(), report: [], clientDefaults: {}, calendar: DEFAULT_CALENDAR };

/** Checks rule definitions and keeps those of one school year. Unknown predicates are configuration errors. */
export function compileRules(
  defs: readonly RuleDef[],
  schoolYear: number | undefined,
  clientDefaults: Record<string, string> = {},
  calendar = DEFAULT_CALENDAR,
): RuleSet {
  const set: RuleSet = { access: new Map(), onWrite: new Map(), report: [], clientDefaults, calendar };
  const seen = new Set<string>();
  for (const def of defs) {
    if (seen.has(def.id)) throw new Error(`rule ${def.id}: duplicate id`);
    seen.add(def.id);
    const predicate = PREDICATES[def.check];
    if (!predicate) throw new Error(`rule ${def.id}: unknown check '${def.check}' (known: ${Object.keys(PREDICATES).join(', ')})`);
    if (def.years && schoolYear !== undefined && !def.years.includes(schoolYear)) continue;
    const rule = { def, predicate };
    if (def.check === 'forbidden-for-clients') push(set.access, def.resource, rule);
    else if (def.level === 'reject') push(set.onWrite, def.resource, rule);
    else set.report.push(rule);
  }
  return set;
}

function push(map: Map<string, CompiledRule[]>, key: string, rule: CompiledRule): void {
  const list = map.get(key);
  if (list) list.push(rule);
  else map.set(key, [rule]);
}

/** A client's attribute value, or the profile default. */
export const clientAttribute = (rules: RuleSet, client: Client | undefined, name: string): string | undefined =>
  client?.attributes?.[name] ?? rules.clientDefaults[name];

/** Whether a rule applies to requests (or reports) of this client. */
export function appliesTo(rules: RuleSet, rule: RuleDef, client: Client | undefined): boolean {
  if (!rule.clients) return true;
  return Object.entries(rule.clients).every(([name, values]) => values.includes(clientAttribute(rules, client, name) ?? ''));
}

/** Fills `{value}` and `{detail}` in a rule message and prefixes the rule id. */
export const ruleMessage = (def: RuleDef, v: { value?: unknown; detail?: string }): string =>
  `[${def.id}] ${def.message.replaceAll('{value}', v.value === undefined ? '' : String(v.value)).replaceAll('{detail}', v.detail ?? '')}`;
