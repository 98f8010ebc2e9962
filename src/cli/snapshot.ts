import type { Command } from 'commander';
import { clientToken, fetchJson } from './http-client';

interface SnapshotOptions {
  url: string;
  key: string;
  secret: string;
}

/** `edfi-mock snapshot create`: freezes a running server's data for snapshot reads. */
export function registerSnapshot(program: Command): void {
  const snapshot = program
    .command('snapshot')
    .description("read-only copies of a running server's data, for change-query clients that page over a fixed state");
  snapshot
    .command('create')
    .description('freeze the data of every school year as it is now (replaces an earlier snapshot)')
    .requiredOption('--key <key>', 'API client key')
    .requiredOption('--secret <secret>', 'API client secret')
    .option('--url <url>', 'base URL of the server', 'http://127.0.0.1:54746')
    .addHelpText(
      'after',
      '\nThen read it: ODS/API 7.x years with the header `Use-Snapshot: true`, 5.x/6.x years with\n`Snapshot-Identifier: <identifier>` (listed at GET /changeQueries/v1/{year}/snapshots). Writes with either header\nanswer 405. The snapshot lives as long as the server process.\n\nExample:\n  edfi-mock snapshot create --key KEY --secret SECRET',
    )
    .action(async (opts: SnapshotOptions) => {
      const base = opts.url.replace(/\/+$/, '');
      const token = await clientToken(base, opts.key, opts.secret);
      const answer = (await fetchJson(`${base}/admin/snapshots`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })) as {
        snapshots: { schoolYear?: number; snapshotIdentifier: string; snapshotDateTime: string; documents: number }[];
      };
      for (const s of answer.snapshots) {
        process.stdout.write(
          `${s.schoolYear === undefined ? '' : `${s.schoolYear}: `}snapshot ${s.snapshotIdentifier} taken ${s.snapshotDateTime} (${s.documents} documents)\n`,
        );
      }
    });
}
