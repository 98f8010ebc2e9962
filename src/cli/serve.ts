import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type Client, checkClients, developmentClient } from '../auth/clients';
import { createApp } from '../http/app';
import { createEnv } from '../pipeline/create-env';
import { createLogger } from '../util/logger';

/** The schemas folder shipped with the package. */
export const SCHEMAS_DIR = resolve(__dirname, '..', '..', 'schemas');

/** Options of `edfi-mock serve`. */
interface ServeOptions {
  port: number;
  host: string;
  data?: string;
  clients?: string;
  logLevel: string;
  tokenLimit: number;
  bodyLimit: number;
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

/** Starts the server; resolves once it listens. Returns a function that stops it (flushing persistence). */
export async function startServer(opts: ServeOptions): Promise<{ url: string; stop: () => Promise<void>; client?: Client }> {
  const logger = createLogger(opts.logLevel);
  const dev = opts.clients ? undefined : developmentClient();
  const clients = opts.clients ? readClients(resolve(opts.clients)) : [dev!];
  const persistent = opts.data ? await (await import('../store/journal-store')).openPersistentStore(resolve(opts.data), logger) : undefined;
  const env = createEnv({
    schemasDir: SCHEMAS_DIR,
    clients,
    logger,
    store: persistent?.store,
    tokenLimit: opts.tokenLimit,
    api: { bodyLimitBytes: opts.bodyLimit, debug: !!opts.debug },
  });
  env.persistence = persistent;
  const server = createServer(createApp(env));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, ok);
  });
  // Validators compile in small slices once the server is up, so the first requests are not held behind 361 compiles;
  // a request for a resource not compiled yet compiles its own validator first.
  const warm = () => env.registry.warm(4) && setImmediate(warm);
  setTimeout(warm, 100).unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  const stop = async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
    await persistent?.close();
  };
  return { url, stop, client: dev };
}

/** `edfi-mock serve`. */
export function registerServe(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('start the API on an in-memory store seeded with the Ed-Fi default descriptors')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', int('--port', 0, 65535), 54746)
    .option('--host <host>', 'address to bind (use 0.0.0.0 to accept other machines)', '127.0.0.1')
    .option('--data <file>', 'persist to this journal file (created if missing; restored at start)')
    .option('--clients <file>', 'JSON array of {"key","secret","name"} API clients (default: one development client, printed)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or silent', process.env.LOG_LEVEL ?? 'info')
    .option('--token-limit <n>', 'active tokens allowed per client (ODS default 15; 0 = no limit)', int('--token-limit', 0, 1_000_000), 15)
    .option('--body-limit <bytes>', 'largest request body accepted (413 above)', int('--body-limit', 1024, 1024 ** 3), 10 * 1024 * 1024)
    .addOption(new Option('--debug', 'serve /__debug endpoints for the benchmark').hideHelp())
    .addHelpText(
      'after',
      `\nExample:\n  edfi-mock serve --port 8080 --data ./ods.journal\n  curl -s --user KEY:SECRET http://127.0.0.1:8080/oauth/token -d grant_type=client_credentials`,
    )
    .action(async (opts: ServeOptions) => {
      const started = Date.now();
      const { url, stop, client } = await startServer(opts);
      const lines = [`edfi-mock listening on ${url} (Ed-Fi ODS/API 7.3, Data Standard 5.0) in ${Date.now() - started} ms`];
      if (client)
        lines.push(
          `Development client:  key ${client.key}  secret ${client.secret}`,
          `Get a token:  curl -s --user ${client.key}:${client.secret} ${url}/oauth/token -d grant_type=client_credentials`,
        );
      if (opts.data) lines.push(`Persisting to ${resolve(opts.data)}`);
      process.stdout.write(`${lines.join('\n')}\n`);
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
