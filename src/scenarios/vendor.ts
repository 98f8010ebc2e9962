import { createServer, type Server } from 'node:http';
import { createApp } from '../http/app';
import type { Host } from '../pipeline/host';
import { loadFixtures } from './load';
import { evaluate } from './assertions';
import { loadGiven, scenarioVars } from './run';
import { hostTarget, scenarioHost } from './target';
import type { AssertionResult, Fixture, Scenario } from './types';

/** A running vendor-certification sandbox: a server with the scenario's fixtures, waiting for the vendor's SIS. */
export interface Sandbox {
  url: string;
  dataUrl: string;
  host: Host;
  /** Journal position once the fixtures were loaded: the vendor's traffic comes after it. */
  since: number;
  /** Evaluates the scenario's `expect` block on what the vendor's traffic left behind. */
  verdict(): Promise<AssertionResult[]>;
  close(): Promise<void>;
}

/** Starts the sandbox of a vendor-certification scenario (fixtures loaded; journal counted from after them). */
export async function startSandbox(scenario: Scenario, o: { port?: number; host?: string; fixtures?: Map<string, Fixture> } = {}): Promise<Sandbox> {
  if (!scenario.expect?.length) throw new Error(`${scenario.id} has no 'expect' block: it is not a vendor-certification scenario`);
  // A whole SIS sync may send many thousands of requests; the verdict needs all of them.
  const host = scenarioHost(scenario.profile, scenario.schoolYear, 200_000);
  const target = hostTarget(host, 'vendor sandbox');
  const base = await target.dataBase(scenario.schoolYear);
  const vars = scenarioVars(scenario);
  await loadGiven(scenario, o.fixtures ?? loadFixtures(), target, base, vars, []);
  const since = host.journal.last();
  const server: Server = createServer(createApp(host));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', ok);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const url = `http://${o.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    dataUrl: `${url}${base}`,
    host,
    since,
    verdict: () => evaluate(scenario.expect!, target, base, vars, since),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
