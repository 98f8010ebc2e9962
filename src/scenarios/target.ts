import type { Client } from '../auth/clients';
import { type Host, createProfileHost, handleHost } from '../pipeline/host';
import type { JournalEntry } from '../pipeline/request-journal';
import { loadProfileOn } from '../pipeline/profile';
import { responseText, wireHeaders } from '../pipeline/types';
import { tokenFor } from './session';
import { SCHEMAS_DIR } from '../schemas-dir';
import type { CorrelationId } from '../util/brand';
import { newCorrelationId } from '../util/ids';
import { createLogger } from '../util/logger';

/** An HTTP answer as a scenario sees it. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Where scenarios run: an in-process edfi-mock, or any Ed-Fi API over HTTP. */
export interface Target {
  label: string;
  /** Path of the data API for a school year, from the server root (`/data/v3`, `/2026/data/v3`, `/data/v3/2024`). */
  dataBase(year?: number): Promise<string>;
  /** Data Standard of a year (`3.3`, `4.0`, `5.0`), from discovery. */
  dataStandard(year?: number): Promise<string>;
  send(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<Answer>;
  /** Credentials of a named scenario client (`default`, `public`, `choice`). */
  credentials(client: string): { key: string; secret: string } | undefined;
  /** The journal of requests the server received (edfi-mock only). */
  journal(): Promise<JournalEntry[] | undefined>;
}

/** The clients an in-process target (and the vendor sandbox) knows; WI attributes for the Public/Choice scenarios. */
export const SCENARIO_CLIENTS: Record<string, Client> = {
  // Ed-Fi Sandbox: the scenarios test the API's behavior, not authorization (a `district` client does that).
  default: { key: 'certify', secret: 'certify-secret', name: 'Certification (default)', educationOrganizationIds: [255901], claimSetName: 'Ed-Fi Sandbox' },
  district: {
    key: 'certify-district',
    secret: 'certify-district-secret',
    name: 'Certification (Grand Bend SIS, SIS Vendor)',
    educationOrganizationIds: [255901],
    claimSetName: 'SIS Vendor',
    namespacePrefixes: ['uri://ed-fi.org'],
  },
  public: { key: 'certify-public', secret: 'certify-public-secret', name: 'Certification (WI Public)', attributes: { configurationProfile: 'Public' } },
  choice: { key: 'certify-choice', secret: 'certify-choice-secret', name: 'Certification (WI Choice)', attributes: { configurationProfile: 'Choice' } },
};

/** The Data Standard short name of an informational version: 3.3.1-b -> 3.3. */
export const shortDs = (v: string): string => v.split('.').slice(0, 2).join('.');

/** A target over an existing host (the vendor sandbox uses the host it serves). */
export function hostTarget(host: Host, label = 'in-process edfi-mock'): Target {
  return {
    label,
    dataBase: async (year) => (year !== undefined ? host.byYear.get(year)?.urls.data : undefined) ?? host.root.urls.data,
    dataStandard: async (year) => shortDs(((year !== undefined ? host.byYear.get(year) : undefined) ?? host.root).registry.informationalVersion),
    send: async (method, path, body, headers) => {
      const [p, q = ''] = path.split('?');
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      const res = await handleHost(host, {
        method,
        path: p,
        query: Object.fromEntries(new URLSearchParams(q)),
        headers: lower,
        body,
        origin: 'http://edfi-mock.local',
        correlationId: (lower['correlation-id'] || newCorrelationId()) as CorrelationId,
      });
      const text = responseText(res);
      return { status: res.status, headers: wireHeaders(res, text), text: text ?? '' };
    },
    credentials: (client) => SCENARIO_CLIENTS[client],
    journal: async () => host.journal.since(0),
  };
}

/** A fresh in-process edfi-mock host of a profile with the scenario clients, only one year when given. */
export function scenarioHost(profile: string, year?: number, journalSize = 10_000, dataStandard?: string): Host {
  return createProfileHost({
    schemasDir: SCHEMAS_DIR,
    profileData: loadProfileOn(SCHEMAS_DIR, profile, dataStandard),
    clients: Object.values(SCENARIO_CLIENTS),
    logger: createLogger('silent'),
    tokenLimit: 0,
    years: year === undefined ? undefined : [year],
    journalSize,
  });
}

/** A fresh in-process edfi-mock for one scenario: its profile, only its year (and, for edfi, another Data Standard). */
export function inProcessTarget(profile: string, year?: number, dataStandard?: string): Target {
  const host = scenarioHost(profile, year, undefined, dataStandard);
  return hostTarget(host);
}

/** Any Ed-Fi API over HTTP: the year's data path is found from its discovery document. */
export function httpTarget(baseUrl: string, clients: Record<string, { key: string; secret: string }>): Target {
  const root = baseUrl.replace(/\/+$/, '');
  const discovery = new Map<string, Promise<Record<string, unknown> | undefined>>();
  const discover = (year?: number) => {
    const key = String(year ?? '');
    let d = discovery.get(key);
    if (!d) {
      d = fetch(`${root}${year === undefined ? '' : `/${year}`}/`)
        .then(async (r) => (r.ok ? ((await r.json()) as Record<string, unknown>) : undefined))
        .catch(() => undefined);
      discovery.set(key, d);
    }
    return d;
  };
  const target: Target = {
    label: root,
    dataBase: async (year) => {
      const own = year === undefined ? undefined : await discover(year);
      const url = (own?.urls as Record<string, string> | undefined)?.dataManagementApi;
      if (url) return new URL(url).pathname.replace(/\/+$/, '');
      return year === undefined ? '/data/v3' : `/data/v3/${year}`;
    },
    dataStandard: async (year) => {
      const d = (year === undefined ? undefined : await discover(year)) ?? (await discover());
      const models = (d?.dataModels ?? []) as { name: string; version: string }[];
      const edfi = models.find((m) => m.name === 'Ed-Fi');
      if (!edfi) throw new Error(`${root}/: no discovery document with an Ed-Fi data model`);
      return shortDs(edfi.version);
    },
    send: async (method, path, body, headers) => {
      let res: Response;
      try {
        res = await fetch(`${root}${path}`, { method, headers, body });
      } catch (err) {
        throw new Error(`cannot reach ${root}${path}: ${(err as Error).message}`, { cause: err });
      }
      const out: Record<string, string> = {};
      res.headers.forEach((v, k) => (out[k.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase())] = v));
      return { status: res.status, headers: out, text: await res.text() };
    },
    credentials: (client) => clients[client],
    journal: async () => {
      // The scenarios' own cached token: an API limits the active tokens per client (ODS default 15).
      const token = await tokenFor(target, 'default').catch(() => undefined);
      if (!token) return undefined;
      const r = await fetch(`${root}/admin/journal`, { headers: { Authorization: `Bearer ${token}` } });
      if (!r.ok) return undefined;
      // An edfi-mock started without --journal-size answers, but keeps nothing.
      const body = (await r.json()) as { capacity?: number; entries: JournalEntry[] };
      return body.capacity === 0 ? undefined : body.entries;
    },
  };
  return target;
}
