import { tokenEndpoint, tokenInfo } from '../auth/token-endpoint';
import { problems } from '../errors/problems';
import { authenticate } from '../steps/authenticate';
import type { Ctx, Env, Step } from './context';
import { dependencies, discovery, metadataList, openApiDocument } from './metadata';
import { pipelines } from './pipelines';
import { route } from './route';
import { type ApiRequest, type ApiResponse, assertNever } from './types';

/** Runs steps in order until one answers (house rule 4). */
export function run(steps: readonly Step[], ctx: Ctx): ApiResponse {
  for (const step of steps) {
    const response = step(ctx);
    if (response) return response;
  }
  throw new Error('pipeline ended without a response');
}

function dispatch(env: Env, req: ApiRequest, base: string): ApiResponse {
  const r = route(req.method, req.path.slice(base.length));
  const ctx: Ctx = { req, env, params: {} };
  switch (r.kind) {
    case 'data':
      ctx.params = { schema: r.schema, resource: r.resource, id: r.id };
      return run(pipelines[r.action], ctx);
    case 'method-not-allowed':
      return (r.authenticate && authenticate(ctx)) || problems.methodNotAllowed(req.correlationId, r.error);
    case 'discovery':
      return discovery(env, req, base);
    case 'health':
      return { status: 200, body: { status: 'Healthy' } };
    case 'token':
      return tokenEndpoint(env, req);
    case 'token-info':
      return authenticate(ctx) ?? tokenInfo(env, req, ctx.token!.value);
    case 'metadata-list':
      return metadataList(req, base);
    case 'openapi':
      return openApiDocument(env, req, base, r.doc);
    case 'dependencies':
      return dependencies(env);
    case 'not-found':
      return problems.routeNotFound(req.correlationId);
    default:
      return assertNever(r);
  }
}

/**
 * The core entry point: `handle(env, request) -> response`, callable from express, tests and the scenario runner
 * (house rule 3). Exceptions are bugs: logged with the correlation id, answered with the generic 500 problem.
 */
export function handle(env: Env, req: ApiRequest, base = ''): ApiResponse {
  try {
    return dispatch(env, req, base);
  } catch (err) {
    env.logger.error({ err, correlationId: req.correlationId, method: req.method, path: req.path }, 'unhandled error');
    return problems.system(req.correlationId);
  }
}
