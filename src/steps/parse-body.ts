import { normalize } from '../model/shape';
import type { Step } from '../pipeline/context';

/** The body as JSON.NET's lenient reader takes it (comments, trailing commas), or undefined when it is not JSON. */
function lenientParse(text: string): unknown {
  try {
    return (require('json5') as typeof import('json5')).parse(text);
  } catch {
    return undefined;
  }
}

const isJson = (ct: string): boolean => /^application\/(json|vnd\.ed-fi\.[^;]*\+json)\s*(;|$)/i.test(ct.trim());

/** Where a JSON.parse error happened, worded like JSON.NET's "Path '', line 1, position N." */
function parseFailure(message: string): string {
  const pos = /position (\d+)/.exec(message);
  return `${message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}.${pos ? ` Position ${pos[1]}.` : ''}`;
}

/**
 * Reads the JSON body: 415 without a JSON content type, 400 for an empty or malformed body, 400 when the body
 * carries `id` (ODS checks that before anything else), then the lenient ODS-style member binding.
 */
export const parseBody: Step = (ctx) => {
  const cid = ctx.req.correlationId;
  const ct = ctx.req.headers['content-type'];
  if (ct === undefined) return ctx.env.problems.unsupportedMediaType(cid, true);
  if (!isJson(ct)) return ctx.env.problems.unsupportedMediaType(cid, false);
  const text = ctx.req.body ?? '';
  if (text.trim() === '') return ctx.req.method === 'PUT' ? ctx.env.problems.emptyUpdateBody(cid) : ctx.env.problems.emptyBody(cid);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // JSON.NET reads `//` and `/* */` comments and a trailing comma before `}` or `]`; strict JSON is tried first.
    parsed = lenientParse(text);
    if (parsed === undefined) return ctx.env.problems.dataValidation(cid, { $: [parseFailure((err as Error).message)] });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return ctx.env.problems.dataValidation(cid, { $: ['The request body must be a JSON object.'] });
  }
  if (ctx.req.method === 'POST') {
    for (const k in parsed) {
      const v = (parsed as Record<string, unknown>)[k];
      if (k.length === 2 && k.toLowerCase() === 'id' && v !== null && v !== '') return ctx.env.problems.idInBody(cid);
    }
  }
  ctx.body = normalize(parsed, ctx.resource!.shape) as Record<string, unknown>;
  return undefined;
};
