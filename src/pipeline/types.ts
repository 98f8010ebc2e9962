import type { CorrelationId } from '../util/brand';

/** A request as the core sees it: no express types (house rule 3). */
export interface ApiRequest {
  method: string;
  /** Path as sent, without query string, e.g. `/data/v3/ed-fi/Students/abc`. */
  path: string;
  /** Query parameters, names as sent (the core matches them case-insensitively). */
  query: Record<string, string>;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Raw body text, undefined when none was sent. */
  body?: string;
  /** `http://host:port` the client used, for absolute URLs. */
  origin: string;
  correlationId: CorrelationId;
}

/** A response the core produced; the http adapter writes it out unchanged. */
export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON value to serialize (pretty-printed), or undefined for no body. */
  body?: unknown;
  /** Content type of a JSON body; defaults to `application/json; charset=utf-8`. */
  contentType?: string;
  /** Serialize without indentation (large metadata documents). */
  compact?: boolean;
  /** Body already serialized as JSON text (rendered resource items). */
  text?: string;
}

/** A response now, or once the write it reports is durable. */
export type Answer = ApiResponse | Promise<ApiResponse>;

/** Applies `f` to an answer without making a synchronous one asynchronous. */
export const thenAnswer = (a: Answer, f: (res: ApiResponse) => Answer): Answer => (a instanceof Promise ? a.then(f) : f(a));

/** The JSON text of a response (indented as ODS does, compact for large metadata documents), or undefined for none. */
export const responseText = (out: ApiResponse): string | undefined =>
  out.text ?? (out.body === undefined ? undefined : out.compact ? JSON.stringify(out.body) : JSON.stringify(out.body, null, 2));

/** The headers a response goes out with: its own, and the content type of a body (JSON unless it says otherwise). */
export function wireHeaders(out: ApiResponse, text = responseText(out)): Record<string, string> {
  const headers: Record<string, string> = { ...out.headers };
  if (text !== undefined) headers['Content-Type'] = out.contentType ?? 'application/json; charset=utf-8';
  return headers;
}

/** Exhaustiveness guard for discriminated unions (house rule 5). */
export function assertNever(x: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(x)}`);
}
