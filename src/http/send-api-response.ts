import type { Response } from 'express';
import type { ApiResponse } from '../pipeline/types';

/** Writes an ApiResponse: no body and no content type for 201/204/304; JSON pretty-printed as ODS does. */
export function sendApiResponse(res: Response, out: ApiResponse): void {
  res.status(out.status);
  for (const [k, v] of Object.entries(out.headers ?? {})) res.setHeader(k, v);
  if (out.text !== undefined) {
    res.setHeader('Content-Type', out.contentType ?? 'application/json; charset=utf-8');
    res.end(out.text);
    return;
  }
  if (out.body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', out.contentType ?? 'application/json; charset=utf-8');
  res.end(out.compact ? JSON.stringify(out.body) : JSON.stringify(out.body, null, 2));
}
