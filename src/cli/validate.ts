import type { Command } from 'commander';
import { clientToken, fetchJson } from './http-client';
import type { ValidationReport } from '../rules/report';
import { schoolYearLabel } from '../util/school-year';

interface ValidateOptions {
  url: string;
  year?: string;
  key: string;
  secret: string;
  json?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Plain-text report: counts, then one line per finding grouped by rule (the record by natural key and id). */
export function formatReport(r: ValidationReport): string {
  const lines = [
    `Validation report${r.schoolYear ? ` for school year ${schoolYearLabel(r.schoolYear)}` : ''}: ` +
      `${plural(r.counts.error, 'error')}, ${plural(r.counts.warning, 'warning')}, ${r.counts.info} informational`,
  ];
  for (const rule of r.rules.filter((x) => x.findings > 0)) {
    lines.push('', `${rule.id} (${rule.severity}) ${rule.title} - ${plural(rule.findings, 'finding')}`, `  source: ${rule.source}`);
    for (const f of r.findings.filter((x) => x.ruleId === rule.id))
      lines.push(`  ${f.resource} ${f.key ? `(${f.key}) ` : ''}id ${f.id} ${f.path}: ${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}

/** What a server answers at `/validations`: one report, or (year-specific host, no `--year`) every year's. */
type Answer = ValidationReport | { schoolYears: number[]; reports: ValidationReport[] };

/** `edfi-mock validate`: fetches a running server's validation report (WISEdata-style data-quality findings). */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description("print a running edfi-mock's validation report: the data-quality rules the state checks after submission")
    .requiredOption('--key <key>', 'API client key')
    .requiredOption('--secret <secret>', 'API client secret')
    .option('--url <url>', 'base URL of the server', 'http://127.0.0.1:54746')
    .option('--year <year>', 'only this school year (ending year, e.g. 2025 for 2024-25); default: every year the server has')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nExit status: 0 without error findings in any year checked, 1 with errors (warnings and information do not fail).\n\nExample:\n  edfi-mock validate --year 2025 --key KEY --secret SECRET',
    )
    .action(async (opts: ValidateOptions) => {
      const base = opts.url.replace(/\/+$/, '');
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new Error(`--year must be a school year such as 2025, not '${opts.year}'`);
      const token = await clientToken(base, opts.key, opts.secret);
      const answer = (await fetchJson(`${base}${opts.year ? `/${opts.year}` : ''}/validations`, { headers: { Authorization: `Bearer ${token}` } })) as Answer;
      const reports = 'reports' in answer ? answer.reports : [answer];
      const years = reports.map((r) => r.schoolYear).filter((y): y is number => y !== undefined);
      const errors = reports.reduce((n, r) => n + r.counts.error, 0);
      if (opts.json) process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
      else {
        process.stdout.write(reports.map(formatReport).join('\n'));
        if (years.length)
          process.stdout.write(
            `\nChecked school year${years.length === 1 ? '' : 's'} ${years.map(schoolYearLabel).join(', ')}: ${plural(errors, 'error')} in all.\n`,
          );
      }
      if (errors > 0) process.exitCode = 1;
    });
}
