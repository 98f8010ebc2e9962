import type { Request } from 'express';
import type { ApiRequest } from '../pipeline/types';
import type { CorrelationId } from '../util/brand';
import { newCorrelationId } from '../util/ids';

const last = (v: unknown): string | undefined => (Array.isArray(v) ? last(v[v.length - 1]) : typeof v === 'string' ? v : undefined);

/** Converts an express request into the core's ApiRequest (the only place that reads express requests). */
export function toApiRequest(req: Request, body: string | undefined): ApiRequest {
  // Node already lower-cases header names and joins repeated headers (other than set-cookie) into one string.
  const headers = req.headers as Record<string, string>;
  const query: Record<string, string> = {};
  let queryCid: string | undefined;
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    const s = last(v);
    if (s === undefined) continue;
    query[k] = s;
    if (k.toLowerCase() === 'correlationid') queryCid = s;
  }
  // ODS parity: the correlation-id header wins over the correlationId query parameter; else a new GUID.
  const correlationId = (headers['correlation-id'] || queryCid || newCorrelationId()) as CorrelationId;
  return { method: req.method, path: req.path, query, headers, body, origin: `${req.protocol}://${req.get('host') ?? 'localhost'}`, correlationId };
}
