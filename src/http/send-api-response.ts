import type { Response } from 'express';
import { type ApiResponse, responseText, wireHeaders } from '../pipeline/types';

/** Writes an ApiResponse in one writeHead: no body and no content type for 201/204/304; JSON indented as ODS does. */
export function sendApiResponse(res: Response, out: ApiResponse): void {
  const text = responseText(out);
  res.writeHead(out.status, wireHeaders(out, text));
  res.end(text);
}
