import type { Command } from 'commander';
import type { ValidationReport } from '../rules/report';

interface ValidateOptions {
  url: string;
  year?: string;
  key: string;
  secret: string;
  json?: boolean;
}

/** Plain-text report: counts, then one line per finding grouped by rule. */
export function formatReport(r: ValidationReport): string {
  const lines = [
    `Validation report${r.schoolYear ? ` for school year ${r.schoolYear - 1}-${String(r.schoolYear).slice(2)}` : ''}: ` +
      `${r.counts.error} errors, ${r.counts.warning} warnings, ${r.counts.info} informational`,
  ];
  for (const rule of r.rules.filter((x) => x.findings > 0)) {
    lines.push('', `${rule.id} (${rule.severity}) ${rule.title} - ${rule.findings} finding${rule.findings === 1 ? '' : 's'}`, `  source: ${rule.source}`);
    for (const f of r.findings.filter((x) => x.ruleId === rule.id)) lines.push(`  ${f.resource} ${f.id} ${f.path}: ${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}

async function fetchJson(url: string, init: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    throw new Error(`cannot reach ${url}: ${(err as Error).message}`, { cause: err });
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}${text ? `: ${text}` : ''}`);
  return JSON.parse(text) as unknown;
}

/** `edfi-mock validate`: fetches a running server's validation report (WISEdata-style data-quality findings). */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description("print a running edfi-mock's validation report: the data-quality rules the state checks after submission")
    .requiredOption('--key <key>', 'API client key')
    .requiredOption('--secret <secret>', 'API client secret')
    .option('--url <url>', 'base URL of the server', 'http://127.0.0.1:54746')
    .option('--year <year>', 'school year (ending year, e.g. 2025 for 2024-25) of a year-specific profile')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nExit status: 0 without error findings, 1 with errors (warnings and information do not fail).\n\nExample:\n  edfi-mock validate --year 2025 --key KEY --secret SECRET',
    )
    .action(async (opts: ValidateOptions) => {
      const base = opts.url.replace(/\/+$/, '');
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new Error(`--year must be a school year such as 2025, not '${opts.year}'`);
      const auth = Buffer.from(`${opts.key}:${opts.secret}`).toString('base64');
      const token = (await fetchJson(`${base}/oauth/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      })) as { access_token: string };
      const report = (await fetchJson(`${base}${opts.year ? `/${opts.year}` : ''}/validations`, {
        headers: { Authorization: `Bearer ${token.access_token}` },
      })) as ValidationReport;
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      if (report.counts.error > 0) process.exitCode = 1;
    });
}
