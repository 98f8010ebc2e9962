import type { DataView } from '../../rules/data-view';
import { type ExtractMapping, sourcesOf } from '../mapping';
import { type Decision, collect } from './collect';
import { rowValues, schoolRcdts, usDate } from './fields';
import type { IlScaOptions } from './options';
import { type Header, explainText, renderHtml, renderState, renderTab } from './render';

/** A built Student Course Assignment file. */
export interface IlScaFile {
  fileName: string;
  contentType: string;
  text: string;
  header: Header;
  decisions: Decision[];
  warnings: string[];
  /** `--explain`: one line per decision. */
  explanation: string;
}

const CONTENT_TYPES = { state: 'text/csv; charset=utf-8', tab: 'text/tab-separated-values; charset=utf-8', html: 'text/html; charset=utf-8' };

/** Builds the K-12 In Progress V2 Student Course Assignment file of one school year's data (seed 003). */
export function buildIlSca(
  view: DataView,
  mapping: ExtractMapping,
  o: IlScaOptions,
  schoolYear: number,
  today = new Date(),
): { ok: true; file: IlScaFile } | { ok: false; errors: string[] } {
  const src = sourcesOf(mapping, view);
  const collected = collect(src, mapping, o);
  if (!collected.ok) return collected;
  const { rows, decisions, schools, warnings } = collected.value;
  const rcdtsCache = new Map<string, string>();
  const rcdtsOf = (school: unknown): string => {
    const key = String(school);
    let v = rcdtsCache.get(key);
    if (v === undefined) {
      rcdtsCache.set(key, (v = schoolRcdts(src, school)));
      if (!v) warnings.push(`school ${key} has no RCDTS: its district needs _ext.il.rcdt and the school _ext.il.stateSchoolNumber`);
    }
    return v;
  };
  const records = rows.map((r) => rowValues(r, src, o, schoolYear, rcdtsOf));
  // Code-unit order, not the locale's: the same bytes on every machine, and fast on 100k records.
  const order = [2, 3, 0, 10, 13, 8, 6];
  records.sort((a, b) => {
    for (const i of order) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  });
  // One school selected: its RCDTS; several: the district's RCDT with school 0000.
  const headerRcdts =
    schools.length === 1 ? rcdtsOf(src.school.get(schools[0], 'id')) : schools.length ? `${rcdtsOf(src.school.get(schools[0], 'id')).slice(0, 11)}0000` : '';
  const fileDay = o.fileDate ?? today.toISOString().slice(0, 10);
  const fileName = `SCA8_${headerRcdts}_${usDate(fileDay).replaceAll('/', '')}_${o.fileId}.txt`;
  const header: Header = { fileType: mapping.fileType, totalRecords: records.length, fileName, fileDate: usDate(fileDay), rcdts: headerRcdts };
  const text =
    o.format === 'state'
      ? renderState(header, records)
      : o.format === 'tab'
        ? renderTab(header, records)
        : renderHtml(header, records, decisions, warnings, mapping.title);
  return {
    ok: true,
    file: { fileName, contentType: CONTENT_TYPES[o.format], text, header, decisions, warnings, explanation: explainText(decisions, warnings) },
  };
}
