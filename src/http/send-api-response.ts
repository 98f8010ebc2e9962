import type { Response } from 'express';
import { type ApiResponse, responseText } from '../pipeline/types';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Writes an ApiResponse in one writeHead: no body and no content type for 201/204/304; JSON indented as ODS does. */
export function sendApiResponse(res: Response, out: ApiResponse): void {
  const text = responseText(out);
  const headers: Record<string, string> = { ...out.headers };
  if (text !== undefined) headers['Content-Type'] = out.contentType ?? JSON_TYPE;
  res.writeHead(out.status, headers);
  res.end(text);
}
