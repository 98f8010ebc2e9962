import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type Client, checkClients, developmentClient } from '../auth/clients';
import { createApp } from '../http/app';
import { SCHEMAS_DIR } from '../schemas-dir';
import { type Host, createProfileHost } from '../pipeline/host';
import { type Profile, instancesOf, loadProfile } from '../pipeline/profile';
import type { PersistentStore } from '../store/journal-store';
import { createLogger } from '../util/logger';

/** Options of `edfi-mock serve`. */
interface ServeOptions {
  profile: string;
  port: number;
  host: string;
  data?: string;
  clients?: string;
  logLevel: string;
  tokenLimit: number;
  bodyLimit: number;
  journalSize: number;
  debug?: boolean;
}

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

/** Development clients: the profile's (e.g. WI Public and Choice), else one Ed-Fi client. */
function developmentClients(profile: Profile): Client[] {
  const specs = profile.devClients ?? [{ name: 'Development client' }];
  return specs.map((c) => ({ ...developmentClient(), name: c.name, ...(c.attributes ? { attributes: c.attributes } : {}) }));
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

/** Opens one journal per instance: the file itself without years, `<dir>/<year>.journal` for a year-specific profile. */
async function openStores(profile: Profile, data: string, logger: ReturnType<typeof createLogger>): Promise<Map<number | undefined, PersistentStore>> {
  const { openPersistentStore } = await import('../store/journal-store');
  const stores = new Map<number | undefined, PersistentStore>();
  const instances = instancesOf(profile);
  if (instances.length === 1 && instances[0].schoolYear === undefined) {
    stores.set(undefined, await openPersistentStore(data, logger));
    return stores;
  }
  mkdirSync(data, { recursive: true });
  for (const i of instances) stores.set(i.schoolYear, await openPersistentStore(join(data, `${i.schoolYear}.journal`), logger));
  return stores;
}

/** Starts the server; resolves once it listens. Returns a function that stops it (flushing persistence). */
export async function startServer(opts: ServeOptions): Promise<{ url: string; stop: () => Promise<void>; clients?: Client[]; host: Host; profile: Profile }> {
  const logger = createLogger(opts.logLevel);
  const profile = loadProfile(SCHEMAS_DIR, opts.profile ?? 'edfi');
  const dev = opts.clients ? undefined : developmentClients(profile);
  const clients = opts.clients ? readClients(resolve(opts.clients)) : dev!;
  checkClientAttributes(clients, profile, opts.clients);
  const stores = opts.data ? await openStores(profile, resolve(opts.data), logger) : new Map<number | undefined, PersistentStore>();
  const host = createProfileHost({
    schemasDir: SCHEMAS_DIR,
    profileData: profile,
    clients,
    logger,
    tokenLimit: opts.tokenLimit,
    api: { bodyLimitBytes: opts.bodyLimit, debug: !!opts.debug },
    storeFor: (i) => stores.get(i.schoolYear)?.store,
    journalSize: opts.journalSize,
  });
  for (const env of host.envs) env.persistence = stores.get(env.schoolYear);
  const server = createServer(createApp(host));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, ok);
  });
  // Validators compile in small slices once the server is up, so the first requests are not held behind hundreds of
  // compiles; a request for a resource not compiled yet compiles its own validator first.
  const registries = [...new Set(host.envs.map((e) => e.registry))];
  const warm = () => registries.some((r) => r.warm(4)) && setImmediate(warm);
  setTimeout(warm, 100).unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  const stop = async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
    for (const s of stores.values()) await s.close();
  };
  return { url, stop, clients: dev, host, profile };
}

/** The start-up banner: each instance with its release and routes, the development clients, how to get a token. */
function banner(url: string, ms: number, host: Host, profile: Profile, clients: Client[] | undefined, data?: string): string {
  const lines = [`edfi-mock listening on ${url} in ${ms} ms: ${profile.title}`];
  for (const env of host.envs) {
    const year = env.schoolYear === undefined ? '' : `${env.schoolYear - 1}-${String(env.schoolYear).slice(2)}  `;
    const ext = env.registry.extensions.length ? ` + ${env.registry.extensions.map((e) => e.name).join(', ')}` : '';
    lines.push(`  ${year}ODS/API ${env.wire.apiVersion}, Data Standard ${env.registry.informationalVersion}${ext}:  ${url}${env.urls.data}/`);
  }
  for (const c of clients ?? []) lines.push(`${c.name}:  key ${c.key}  secret ${c.secret}`);
  if (clients?.length)
    lines.push(`Get a token:  curl -s --user ${clients[0].key}:${clients[0].secret} ${url}${host.root.urls.oauth} -d grant_type=client_credentials`);
  if (data) lines.push(`Persisting to ${resolve(data)}`);
  return `${lines.join('\n')}\n`;
}

/** `edfi-mock serve`. */
export function registerServe(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('start the API (plain Ed-Fi, or a state profile with every school year) on an in-memory store with the default descriptors')
    .option('--profile <name>', 'edfi (plain ODS/API 7.3), wi (Wisconsin WISEdata, every school year) or mi (Michigan)', 'edfi')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', int('--port', 0, 65535), 54746)
    .option('--host <host>', 'address to bind (use 0.0.0.0 to accept other machines)', '127.0.0.1')
    .option('--data <path>', 'persist to this journal file (a folder of <year>.journal files for wi/mi); created if missing, restored at start')
    .option('--clients <file>', 'JSON array of {"key","secret","name","attributes"} API clients (default: development clients, printed)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or silent', process.env.LOG_LEVEL ?? 'info')
    .option('--token-limit <n>', 'active tokens allowed per client (ODS default 15; 0 = no limit)', int('--token-limit', 0, 1_000_000), 15)
    .option('--body-limit <bytes>', 'largest request body accepted (413 above)', int('--body-limit', 1024, 1024 ** 3), 10 * 1024 * 1024)
    .option(
      '--journal-size <n>',
      'keep the last n requests in the request journal (GET /admin/journal; for certification journal checks)',
      int('--journal-size', 0, 1_000_000),
      0,
    )
    .addOption(new Option('--debug', 'serve /__debug endpoints for the benchmark').hideHelp())
    .addHelpText(
      'after',
      `\nExamples:\n  edfi-mock serve --port 8080 --data ./ods.journal\n  edfi-mock serve --profile wi      # /data/v3/2023 (5.3), /data/v3/2024 and 2025 (6.1), /2026/data/v3 (7.3)\n  curl -s --user KEY:SECRET http://127.0.0.1:8080/oauth/token -d grant_type=client_credentials`,
    )
    .action(async (opts: ServeOptions) => {
      const started = Date.now();
      const { url, stop, clients, host, profile } = await startServer(opts);
      process.stdout.write(banner(url, Date.now() - started, host, profile, clients, opts.data));
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
