import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type SeedSummary, seedBanner, seedFixtures, seedHost } from '../scenarios/seed-host';
import { type Client, checkClients, developmentClient } from '../auth/clients';
import { createApp } from '../http/app';
import { SCHEMAS_DIR } from '../schemas-dir';
import { type Host, createProfileHost } from '../pipeline/host';
import { type Profile, loadProfileOn } from '../pipeline/profile';
import { redactUrl } from '../util/redact-url';
import { openBackends, schemaOf, withSeedingWrites } from '../pipeline/create-env';
import { createLogger } from '../util/logger';
import { schoolYearLabel } from '../util/school-year';
import { releaseShown } from '../pipeline/metadata';
import type { Registry } from '../model/registry';
import { type Fleet, closeSandboxes, createFleet, restoreSandboxes } from '../sandbox/fleet';
import { journalStorage, memoryStorage, postgresStorage } from '../sandbox/storage';

/** Options of `edfi-mock serve`. */
interface ServeOptions {
  profile: string;
  /** `--data-standard`: the edfi profile's Data Standard (5.2 unless given). */
  dataStandard?: string;
  port: number;
  host: string;
  data?: string;
  clients?: string;
  logLevel: string;
  tokenLimit: number;
  bodyLimit: number;
  journalSize: number;
  seed?: string;
  key?: string;
  secret?: string;
  debug?: boolean;
  fsync?: boolean;
  /** False with --no-change-queries. */
  changeQueries?: boolean;
  store?: string;
  adminKey?: string;
}

/** An option that may also come from `EDFI_MOCK_<NAME>` (a CI job or a container configures the server that way). */
const env = (o: Option, name: string): Option => o.env(`EDFI_MOCK_${name}`);

/** Change queries stay on unless `--no-change-queries` or EDFI_MOCK_NO_CHANGE_QUERIES is 1, true, yes or on. */
const changeQueriesOn = (opts: ServeOptions): boolean =>
  opts.changeQueries !== false && !/^(1|true|yes|on)$/i.test(process.env.EDFI_MOCK_NO_CHANGE_QUERIES?.trim() ?? '');

const int = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
  return n;
};

function readClients(file: string): Client[] {
  if (!existsSync(file)) throw new Error(`clients file not found: ${file}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`clients file ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const { clients, errors } = checkClients(parsed);
  if (errors.length) throw new Error(`clients file ${file}:\n  ${errors.join('\n  ')}`);
  return clients;
}

/**
 * Development clients: the profile's (e.g. WI Public and Choice), else one Ed-Fi client; random credentials unless
 * `--key/--secret` fix the first one's (a CI job or a container then knows them in advance).
 */
function developmentClients(profile: Profile, fixed?: { key: string; secret: string }): Client[] {
  const specs = profile.devClients ?? [{ name: 'Development client' }];
  return specs.map((c, i) => ({
    ...developmentClient(),
    ...(i === 0 && fixed ? fixed : {}),
    name: c.name,
    ...(c.attributes ? { attributes: c.attributes } : {}),
    // A state's development client carries its district, as the state's keys do (authorization as ODS enforces it).
    ...(c.educationOrganizationIds ? { educationOrganizationIds: c.educationOrganizationIds } : {}),
    ...(c.claimSetName ? { claimSetName: c.claimSetName } : {}),
  }));
}

/** The clients a server serves, and whether their secrets may be printed (never those of a clients file). */
function clientsOf(opts: ServeOptions, profile: Profile): { clients: Client[]; printSecrets: boolean } {
  if ((opts.key === undefined) !== (opts.secret === undefined)) throw new Error('--key and --secret go together (or EDFI_MOCK_KEY and EDFI_MOCK_SECRET)');
  if (opts.key !== undefined && opts.clients) throw new Error('use either --clients <file> or --key/--secret, not both');
  if (opts.key !== undefined && !(opts.key && opts.secret)) throw new Error('--key and --secret must not be empty');
  if (opts.clients) return { clients: readClients(resolve(opts.clients)), printSecrets: false };
  const fixed = opts.key !== undefined ? { key: opts.key, secret: opts.secret! } : undefined;
  return { clients: developmentClients(profile, fixed), printSecrets: true };
}

/** A client attribute the profile knows must carry one of its values (a typo would silently make a Choice school Public). */
function checkClientAttributes(clients: readonly Client[], profile: Profile, file = 'clients'): void {
  const errors: string[] = [];
  for (const c of clients) {
    for (const [name, value] of Object.entries(c.attributes ?? {})) {
      const known = profile.clientAttributes?.[name];
      if (known && !known.values.includes(value))
        errors.push(`client "${c.key}": ${name} must be one of ${known.values.map((v) => `"${v}"`).join(', ')}, not "${value}"`);
    }
  }
  if (errors.length) throw new Error(`${file} (profile ${profile.name}):\n  ${errors.join('\n  ')}`);
}

/** Starts the server; resolves once it listens. Returns a function that stops it (flushing persistence). */
export async function startServer(opts: ServeOptions): Promise<{
  url: string;
  stop: () => Promise<void>;
  clients: Client[];
  printSecrets: boolean;
  host: Host;
  profile: Profile;
  seeded: SeedSummary[];
  fleet: Fleet;
  restored: number;
}> {
  const logger = createLogger(opts.logLevel);
  const profile = loadProfileOn(SCHEMAS_DIR, opts.profile ?? 'edfi', opts.dataStandard);
  const { clients, printSecrets } = clientsOf(opts, profile);
  checkClientAttributes(clients, profile, opts.clients);
  const seed = opts.seed ? seedFixtures(opts.seed, profile.name) : undefined;
  if (opts.data && opts.store) throw new Error('use either --data (a journal) or --store (PostgreSQL), not both');
  if (opts.adminKey !== undefined && opts.adminKey.length < 8) throw new Error('--admin-key must be at least 8 characters (it guards every sandbox)');
  const stores = await openBackends(profile, { data: opts.data, store: opts.store, fsync: opts.fsync }, logger);
  const registries = new Map<string, Registry>();
  const host = await withSeedingWrites(stores.values(), () =>
    createProfileHost({
      schemasDir: SCHEMAS_DIR,
      profileData: profile,
      clients,
      logger,
      tokenLimit: opts.tokenLimit,
      api: { bodyLimitBytes: opts.bodyLimit, debug: !!opts.debug, changeQueries: changeQueriesOn(opts) },
      backendFor: (i) => stores.get(i.schoolYear),
      journalSize: opts.journalSize,
      registries,
    }),
  );
  let seeded: SeedSummary[] = [];
  const storage = opts.store
    ? await postgresStorage(opts.store, logger)
    : opts.data
      ? journalStorage(`${resolve(opts.data)}.sandboxes`, logger, !!opts.fsync)
      : memoryStorage();
  const fleet = createFleet({ main: host, adminKey: opts.adminKey, storage, schemasDir: SCHEMAS_DIR, logger, registries });
  let restored: number;
  try {
    if (seed) seeded = await seedHost(host, seed.names, seed.fixtures);
    restored = await restoreSandboxes(fleet);
  } catch (err) {
    for (const s of stores.values()) await s.close();
    await closeSandboxes(fleet);
    throw err;
  }
  const server = createServer(createApp(fleet));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, ok);
  });
  // Validators compile in small slices once the server is up, so the first requests are not held behind hundreds of
  // compiles; a request for a resource not compiled yet compiles its own validator first.
  const loaded = [...new Set(host.envs.map((e) => e.registry))];
  let stopped = false;
  const warm = () => !stopped && loaded.some((r) => r.warm(4)) && setImmediate(warm);
  setTimeout(warm, 100).unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  const stop = async () => {
    stopped = true;
    // Idle keep-alive connections would hold close() for keepAliveTimeout (65 s).
    const closed = new Promise<void>((ok) => server.close(() => ok()));
    server.closeIdleConnections();
    await closed;
    for (const s of stores.values()) await s.close();
    await closeSandboxes(fleet);
  };
  return { url, stop, clients, printSecrets, host, profile, seeded, fleet, restored };
}

/** The start-up banner: each instance with its release and routes, what was seeded, the clients, how to get a token. */
function banner(url: string, ms: number, started: Awaited<ReturnType<typeof startServer>>, opts: ServeOptions): string {
  const { host, profile, clients, printSecrets } = started;
  const lines = [`edfi-mock listening on ${url} in ${ms} ms: ${profile.title}`];
  for (const env of host.envs) {
    const year = env.schoolYear === undefined ? '' : `${schoolYearLabel(env.schoolYear)}  `;
    const ext = env.registry.extensions.length ? ` + ${env.registry.extensions.map((e) => e.name).join(', ')}` : '';
    const shown = releaseShown(env.wire.apiVersion, env.registry.informationalVersion).version;
    const ds = env.registry.informationalVersion;
    const note = shown === env.wire.apiVersion ? '' : ` (discovery reports ${shown}, the release that shipped ${ds})`;
    lines.push(`  ${year}ODS/API ${env.wire.apiVersion}, Data Standard ${ds}${ext}${note}:  ${url}${env.urls.data}/`);
  }
  lines.push(`API docs (Swagger UI):  ${url}/docs/`);
  if (opts.seed) lines.push(...seedBanner(started.seeded, opts.seed));
  for (const c of clients) lines.push(`${c.name}:  key ${c.key}${printSecrets ? `  secret ${c.secret}` : ''}`);
  if (!printSecrets) lines.push(`Clients from ${resolve(opts.clients!)} (${clients.length}; secrets are not printed)`);
  if (clients.length)
    lines.push(
      `Get a token:  curl -s --user ${clients[0].key}:${printSecrets ? clients[0].secret : 'SECRET'} ${url}${host.root.urls.oauth} -d grant_type=client_credentials`,
    );
  if (opts.adminKey) {
    const n = started.restored ? ` (${started.restored} sandboxes restored)` : '';
    lines.push(`Training sandboxes: admin API ${url}/admin/sandboxes with the admin key${n}; console ${url}/console/`);
    lines.push(`  Create one:  npx edfi-mock sandbox create --template sample --url ${url} --admin-key ADMIN_KEY`);
  }
  if (opts.data) lines.push(`Persisting to ${resolve(opts.data)}${opts.fsync ? ' (fsync on every batch)' : ''}`);
  if (opts.store) lines.push(`Storing in PostgreSQL ${redactUrl(opts.store)} (schema ${host.envs.map((e) => schemaOf(e.schoolYear)).join(', ')})`);
  return `${lines.join('\n')}\n`;
}

/** `edfi-mock serve`. */
export function registerServe(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('start the API (plain Ed-Fi, or a state profile with every school year) on an in-memory store with the default descriptors')
    .addOption(
      env(new Option('--profile <name>', 'edfi (plain ODS/API 7.3), wi (Wisconsin WISEdata, every school year) or mi (Michigan)').default('edfi'), 'PROFILE'),
    )
    .addOption(
      env(
        new Option('--data-standard <version>', 'Data Standard of the edfi profile: 4.0, 5.0, 5.2 (ODS/API 7.3 default), 6.0 or 6.1').default(undefined, '5.2'),
        'DATA_STANDARD',
      ),
    )
    .addOption(env(new Option('-p, --port <port>', 'port to listen on (0 picks a free one)').argParser(int('--port', 0, 65535)).default(54746), 'PORT'))
    .addOption(env(new Option('--host <host>', 'address to bind (use 0.0.0.0 to accept other machines)').default('127.0.0.1'), 'HOST'))
    .addOption(
      env(
        new Option('--data <path>', 'persist to this journal file (a folder of <year>.journal files for wi/mi); created if missing, restored at start'),
        'DATA',
      ),
    )
    .addOption(
      env(
        new Option('--store <postgres-url>', 'keep the data in PostgreSQL (postgres://user:password@host:port/db), shared by every edfi-mock process using it'),
        'STORE',
      ),
    )
    .addOption(
      new Option('--no-change-queries', "switch ODS's change queries off: their routes and minChangeVersion/maxChangeVersion answer 404 feature-disabled"),
    )
    .addOption(env(new Option('--fsync', 'with --data: flush every batch of writes to the disk before answering (survives power loss; slower)'), 'FSYNC'))
    .addOption(
      env(
        new Option('--seed <sample|file>', "load data at start through the API: 'sample' (a small district, every year), a fixture file or a fixture set name"),
        'SEED',
      ),
    )
    .addOption(env(new Option('--key <key>', 'fixed key of the (first) development client instead of a random one'), 'KEY'))
    .addOption(env(new Option('--secret <secret>', 'fixed secret of the (first) development client'), 'SECRET'))
    .addOption(
      env(new Option('--clients <file>', 'JSON array of {"key","secret","name","attributes"} API clients (default: development clients, printed)'), 'CLIENTS'),
    )
    .addOption(
      env(
        new Option('--admin-key <key>', 'turn on training sandboxes: the key of the admin API (POST /admin/sandboxes) and of the console at /console'),
        'ADMIN_KEY',
      ),
    )
    .addOption(new Option('--log-level <level>', 'fatal, error, warn, info, debug or silent').default('info').env('LOG_LEVEL'))
    .addOption(
      env(
        new Option('--token-limit <n>', 'active tokens allowed per client (ODS default 15; 0 = no limit)')
          .argParser(int('--token-limit', 0, 1_000_000))
          .default(15),
        'TOKEN_LIMIT',
      ),
    )
    .addOption(
      env(
        new Option('--body-limit <bytes>', 'largest request body accepted (413 above)')
          .argParser(int('--body-limit', 1024, 1024 ** 3))
          .default(10 * 1024 * 1024),
        'BODY_LIMIT',
      ),
    )
    .addOption(
      env(
        new Option('--journal-size <n>', 'keep the last n requests in the request journal (GET /admin/journal; for certification journal checks)')
          .argParser(int('--journal-size', 0, 1_000_000))
          .default(0),
        'JOURNAL_SIZE',
      ),
    )
    .addOption(new Option('--debug', 'serve /__debug endpoints for the benchmark').hideHelp())
    .addHelpText(
      'after',
      `\nEvery option can also come from the environment: EDFI_MOCK_PORT, EDFI_MOCK_HOST, EDFI_MOCK_PROFILE, EDFI_MOCK_DATA_STANDARD, EDFI_MOCK_DATA, EDFI_MOCK_SEED,\nEDFI_MOCK_KEY, EDFI_MOCK_SECRET, EDFI_MOCK_CLIENTS, EDFI_MOCK_TOKEN_LIMIT, EDFI_MOCK_BODY_LIMIT, EDFI_MOCK_JOURNAL_SIZE, EDFI_MOCK_FSYNC, EDFI_MOCK_STORE, EDFI_MOCK_NO_CHANGE_QUERIES, EDFI_MOCK_ADMIN_KEY (and LOG_LEVEL).\n\nExamples:\n  edfi-mock serve --seed sample --key my-key --secret my-secret\n  edfi-mock serve --port 8080 --data ./ods.journal\n  edfi-mock serve --data-standard 6.1   # DS 6.1: /studentDemographics, required academicSubjectDescriptor\n  edfi-mock serve --store postgres://edfi:secret@db:5432/edfi   # several processes may share it\n  edfi-mock serve --profile wi      # /data/v3/2023 (5.3), /data/v3/2024 and 2025 (6.1), /2026/data/v3 (7.3)\n  edfi-mock serve --admin-key a-long-admin-key   # training sandboxes: edfi-mock sandbox create, console at /console\n  curl -s --user KEY:SECRET http://127.0.0.1:8080/oauth/token -d grant_type=client_credentials`,
    )
    .action(async (opts: ServeOptions) => {
      const t0 = Date.now();
      const started = await startServer(opts);
      const { url, stop } = started;
      process.stdout.write(banner(url, Date.now() - t0, started, opts));
      const shutdown = () => {
        stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
