import type { Request } from 'express';
import type { ApiRequest } from '../pipeline/types';
import type { CorrelationId } from '../util/brand';
import { newCorrelationId } from '../util/ids';

const first = (v: unknown): string | undefined => (Array.isArray(v) ? first(v[v.length - 1]) : typeof v === 'string' ? v : undefined);

/** Converts an express request into the core's ApiRequest (the only place that reads express requests). */
export function toApiRequest(req: Request): ApiRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    const s = first(v);
    if (s !== undefined) query[k] = s;
  }
  // ODS parity: the correlation-id header wins over the correlationId query parameter; else a new GUID.
  const queryCid = Object.entries(query).find(([k]) => k.toLowerCase() === 'correlationid')?.[1];
  const correlationId = (headers['correlation-id'] || queryCid || newCorrelationId()) as CorrelationId;
  return {
    method: req.method.toUpperCase(),
    path: req.path,
    query,
    headers,
    body: typeof req.body === 'string' ? req.body : undefined,
    origin: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
    correlationId,
  };
}
