import { tokenEndpoint, tokenInfo } from '../auth/token-endpoint';
import { validationReport } from '../rules/report';
import { authenticate } from '../steps/authenticate';
import type { Ctx, Env } from './context';
import { dependencies, discovery, metadataList, openApiDocument } from './metadata';
import { type DataAction, pipelines } from './pipelines';
import { route } from './route';
import { run } from './run';
import { type Answer, type ApiRequest, type ApiResponse, assertNever, thenAnswer } from './types';

const WRITES = new Set<DataAction>(['upsert', 'update', 'delete']);

/** What a failed data-file write says: the system's error in words a user can act on. */
function writeFailure(err: unknown): string {
  const code = (err as { code?: string } | undefined)?.code;
  if (code === 'ENOSPC') return 'no space is left on the device';
  if (code === 'EFBIG') return 'the file has reached the largest size this process may write';
  if (code === 'EDQUOT') return 'the disk quota is used up';
  if (code === 'EIO') return 'the device reported an input/output error';
  return err instanceof Error ? err.message : String(err);
}

/**
 * A successful write is answered only once it is durable: the store's commit (the journal's batch) has reached the
 * data file. When that write fails, the store has taken the change back and the client gets a 503.
 */
function acknowledge(env: Env, req: ApiRequest, res: ApiResponse): Answer {
  if (res.status >= 300) return res;
  const pending = env.store.committed();
  return pending
    ? pending.then(
        () => res,
        (err: unknown) => env.problems.storageUnavailable(req.correlationId, writeFailure(err)),
      )
    : res;
}

function dispatch(env: Env, req: ApiRequest, routePath: string): Answer {
  const r = route(req.method, routePath);
  const ctx: Ctx = { req, env, params: {} };
  switch (r.kind) {
    case 'data': {
      ctx.params = { schema: r.schema, resource: r.resource, id: r.id };
      const answer = run(pipelines[r.action], ctx);
      return WRITES.has(r.action) ? thenAnswer(answer, (res) => acknowledge(env, req, res)) : answer;
    }
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
 * (house rule 3); a promise only when a write waits for the data file. `routePath` is the request path with the instance's year removed. Exceptions are bugs: logged with
 * the correlation id, answered with the generic 500 problem.
 */
export function handle(env: Env, req: ApiRequest, routePath = req.path): Answer {
  const bug = (err: unknown) => {
    env.logger.error({ err, correlationId: req.correlationId, method: req.method, path: req.path }, 'unhandled error');
    return env.problems.system(req.correlationId);
  };
  try {
    const answer = dispatch(env, req, routePath);
    return answer instanceof Promise ? answer.catch(bug) : answer;
  } catch (err) {
    return bug(err);
  }
}
