import { tokenEndpoint, tokenInfo } from '../auth/token-endpoint';
import { storageReason } from '../errors/storage-reason';
import { validationReport } from '../rules/report';
import { authenticate } from '../steps/authenticate';
import { queryChanges } from '../steps/query-changes';
import { partitions } from '../steps/query-collection';
import { resolveResource } from '../steps/resolve-resource';
import type { Ctx, Env } from './context';
import { dependencies, discovery, metadataList, openApiDocument } from './metadata';
import { pipelines } from './pipelines';
import { route } from './route';
import { extractAnswer } from '../extracts/extracts';
import { run } from './run';
import { snapshotFor, snapshotList } from './snapshot';
import { type Answer, type ApiRequest, type ApiResponse, assertNever, thenAnswer } from './types';

/** The answer when the backend could not read or save: nothing of the request was kept. */
const unavailable = (env: Env, req: ApiRequest) => (err: unknown) => {
  env.logger.error({ err, correlationId: req.correlationId }, 'the data store could not be read or written');
  return env.problems.storageUnavailable(req.correlationId, storageReason(err));
};

/**
 * Ends the write the steps began (steps/begin-write.ts): a 2xx answer is sent only once its changes are durable (the
 * journal's batch is in the file, the PostgreSQL transaction committed); any other answer's changes are taken back.
 */
function endWrite(env: Env, ctx: Ctx, res: ApiResponse): Answer {
  if (!ctx.writing) return res;
  ctx.writing = false;
  const ending = env.backend.endWrite(res.status < 300);
  return ending ? ending.then(() => res, unavailable(env, ctx.req)) : res;
}

/** Runs after the backend caught up with changes made elsewhere (PostgreSQL: other processes); at once in memory. */
const refreshed = (env: Env, req: ApiRequest, then: () => Answer): Answer => {
  const refreshing = env.backend.refresh();
  return refreshing ? refreshing.then(then, unavailable(env, req)) : then();
};

/** The steps of the change-query and partition routes of a resource. */
const CHANGES = {
  deletes: [authenticate, resolveResource, queryChanges('deletes')],
  keyChanges: [authenticate, resolveResource, queryChanges('keyChanges')],
  partitions: [authenticate, resolveResource, partitions],
};

/** Whether a request uses change queries: their routes, or a collection's change-version window. */
function usesChangeQueries(r: ReturnType<typeof route>, req: Ctx['req']): boolean {
  if (r.kind === 'available-change-versions' || r.kind === 'snapshot-list') return true;
  if (r.kind === 'changes') return r.of !== 'partitions';
  return r.kind === 'data' && Object.keys(req.query).some((k) => /^(min|max)changeversion$/i.test(k));
}

function dispatch(env: Env, ctx: Ctx, routePath: string): Answer {
  const { req } = ctx;
  const r = route(req.method, routePath);
  if (!env.options.changeQueries && usesChangeQueries(r, req)) return env.problems.featureDisabled(req.correlationId, 'ChangeQueries');
  switch (r.kind) {
    case 'data':
    case 'changes': {
      ctx.params = { schema: r.schema, resource: r.resource, id: r.kind === 'data' ? r.id : undefined };
      // A snapshot request (after authentication, as ODS's action filter): the snapshot's data, or why not.
      const snapshot = snapshotFor(env, req);
      const denied = snapshot && authenticate(ctx);
      if (denied) return denied;
      if (snapshot && !('registry' in snapshot)) return snapshot;
      const target = snapshot ?? env;
      ctx.env = target;
      const steps = r.kind === 'data' ? pipelines[r.action] : CHANGES[r.of];
      return refreshed(target, req, () => thenAnswer(run(steps, ctx), (res) => endWrite(target, ctx, res)));
    }
    case 'snapshot-list':
      // 5.x/6.x name their snapshots; 7.x has no such route.
      if (env.wire.flavor === 'ods7') return env.problems.routeNotFound(req.correlationId);
      return authenticate(ctx) ?? { status: 200, body: snapshotList(env) };
    case 'available-change-versions':
      return (
        authenticate(ctx) ?? refreshed(env, req, () => ({ status: 200, body: { oldestChangeVersion: 0, newestChangeVersion: env.store.changeVersion() } }))
      );
    case 'method-not-allowed':
      return (r.authenticate && authenticate(ctx)) || env.problems.methodNotAllowed(req.correlationId, r.error);
    case 'discovery':
      return discovery(env, req);
    case 'health':
      // ASP.NET's health check: plain text.
      return { status: 200, text: 'Healthy', contentType: 'text/plain; charset=utf-8' };
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
      return authenticate(ctx) ?? refreshed(env, req, () => ({ status: 200, body: validationReport(env, ctx.token!.client) }));
    case 'extract':
      return authenticate(ctx) ?? refreshed(env, req, () => extractAnswer(env, req, r.id));
    case 'not-found':
      return env.problems.routeNotFound(req.correlationId);
    default:
      return assertNever(r);
  }
}

/**
 * The core entry point: `handle(env, request) -> response`, callable from express, tests and the scenario runner
 * (house rule 3); a promise only when the backend must wait. `routePath` is the request path with the instance's year
 * removed; `ctx` may be passed in to read what the steps learned (token, resource, id) once answered. Exceptions are
 * bugs: logged with the correlation id, answered with the generic 500 problem.
 */
export function handle(env: Env, req: ApiRequest, routePath = req.path, ctx: Ctx = { req, env, params: {} }): Answer {
  const bug = (err: unknown) => {
    env.logger.error({ err, correlationId: req.correlationId, method: req.method, path: req.path }, 'unhandled error');
    const failed = () => env.problems.system(req.correlationId);
    if (!ctx.writing) return failed();
    // A write the bug interrupted is taken back: whatever it changed so far is not kept.
    ctx.writing = false;
    const ending = env.backend.endWrite(false);
    return ending ? ending.then(failed, failed) : failed();
  };
  try {
    const answer = dispatch(env, ctx, routePath);
    return answer instanceof Promise ? answer.catch(bug) : answer;
  } catch (err) {
    return bug(err);
  }
}
