import type { Client } from '../auth/clients';
import type { Env } from '../pipeline/context';
import { createDataView } from './data-view';
import { appliesTo, ruleMessage } from './rule-set';
import { valueAt } from '../util/paths';

/** One finding of the validation report. */
export interface Finding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  resource: string;
  /** Id of the resource item the finding is about. */
  id: string;
  /** The item's natural key as its members and values, e.g. `studentUniqueId=5281033584, beginDate=2024-08-20`. */
  key: string;
  /** JSON path inside the item. */
  path: string;
  message: string;
}

/** The WISEdata-style validation report of one ODS instance. */
export interface ValidationReport {
  schoolYear?: number;
  generatedAt: string;
  rules: { id: string; title: string; source: string; severity: string; resource: string; findings: number }[];
  findings: Finding[];
  counts: { error: number; warning: number; info: number };
}

/** Runs every report rule that applies to the client over the instance's data (the checks WISEdata runs after submission). */
export function validationReport(env: Env, client: Client | undefined, now = new Date()): ValidationReport {
  const view = createDataView(env);
  const findings: Finding[] = [];
  const rules: ValidationReport['rules'] = [];
  for (const rule of env.rules.report) {
    const { def } = rule;
    if (!appliesTo(env.rules, def, client)) continue;
    const severity = def.severity ?? 'error';
    let count = 0;
    const entry = env.registry.byName.get(def.resource);
    for (const item of view.all(def.resource)) {
      for (const v of rule.predicate(item, def.params ?? {}, view)) {
        count++;
        const key = entry ? entry.keyPaths.map((p, i) => `${entry.model.keyFields[i].name}=${String(valueAt(item.body, p))}`).join(', ') : '';
        findings.push({ ruleId: def.id, severity, resource: def.resource, id: item.doc!.id, key, path: v.path, message: ruleMessage(def, v) });
      }
    }
    rules.push({ id: def.id, title: def.title, source: def.source, severity, resource: def.resource, findings: count });
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { schoolYear: env.schoolYear, generatedAt: now.toISOString(), rules, findings, counts };
}
