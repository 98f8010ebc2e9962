import { tokenEndpoint, tokenInfo } from '../auth/token-endpoint';
import { validationReport } from '../rules/report';
import { authenticate } from '../steps/authenticate';
import type { Ctx, Env } from './context';
import { dependencies, discovery, metadataList, openApiDocument } from './metadata';
import { pipelines } from './pipelines';
import { route } from './route';
import { run } from './run';
import { type ApiRequest, type ApiResponse, assertNever } from './types';

function dispatch(env: Env, req: ApiRequest, routePath: string): ApiResponse {
  const r = route(req.method, routePath);
  const ctx: Ctx = { req, env, params: {} };
  switch (r.kind) {
    case 'data':
      ctx.params = { schema: r.schema, resource: r.resource, id: r.id };
      return run(pipelines[r.action], ctx);
    case 'method-not-allowed':
      return (r.authenticate && authenticate(ctx)) || env.problems.methodNotAllowed(req.correlationId, r.error);
    case 'discovery':
      return discovery(env, req);
    case 'health':
      return { status: 200, body: { status: 'Healthy' } };
    case 'token':
      return tokenEndpoint(env, req);
    case 'token-info':
      return authenticate(ctx) ?? tokenInfo(env, req, ctx.token!.value);
    case 'metadata-list':
      return metadataList(env, req);
    case 'openapi':
      return openApiDocument(env, req, r.doc);
    case 'dependencies':
      return dependencies(env);
    case 'validations':
      return authenticate(ctx) ?? { status: 200, body: validationReport(env, ctx.token!.client) };
    case 'not-found':
      return env.problems.routeNotFound(req.correlationId);
    default:
      return assertNever(r);
  }
}

/**
 * The core entry point: `handle(env, request) -> response`, callable from express, tests and the scenario runner
 * (house rule 3). `routePath` is the request path with the instance's year removed. Exceptions are bugs: logged with
 * the correlation id, answered with the generic 500 problem.
 */
export function handle(env: Env, req: ApiRequest, routePath = req.path): ApiResponse {
  try {
    return dispatch(env, req, routePath);
  } catch (err) {
    env.logger.error({ err, correlationId: req.correlationId, method: req.method, path: req.path }, 'unhandled error');
    return env.problems.system(req.correlationId);
  }
}
