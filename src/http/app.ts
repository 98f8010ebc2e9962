import express, { type Request, type Response } from 'express';
import type { Env } from '../pipeline/context';
import { type Host, createHost, handleHost } from '../pipeline/host';
import type { CorrelationId } from '../util/brand';
import { newCorrelationId } from '../util/ids';
import { addDebugRoutes } from './debug-routes';
import { addDocsRoutes } from './docs';
import { addConsoleRoutes } from './console';
import { type Fleet, isAdmin, routeFleet } from '../sandbox/fleet';
import { adminApi } from '../sandbox/admin-api';
import type { ApiRequest } from '../pipeline/types';
import { readBody } from './read-body';
import { sendApiResponse } from './send-api-response';
import { toApiRequest } from './to-api-request';

/** The largest sandbox file `POST /admin/sandboxes/import` takes (a generated district of many thousand students). */
const IMPORT_LIMIT = 1024 ** 3;

/**
 * Builds the express app around the core: express only converts requests and responses (house rule 3). A fleet
 * (a server with training sandboxes) routes each request to its client's sandbox; a host or an env is served alone.
 */
export function createApp(target: Env | Host | Fleet): express.Express {
  const fleet = 'sandboxes' in target ? target : undefined;
  const host = 'sandboxes' in target ? target.main : 'envs' in target ? target : createHost([target]);
  const env = host.root;
  const answer = fleet ? (r: ApiRequest) => routeFleet(fleet, r, adminApi) : (r: ApiRequest) => handleHost(host, r);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', false);
  if (env.options.debug) addDebugRoutes(app, env);
  // The admin API's document and the console exist where sandboxes can: with an admin key, or sandboxes restored.
  const sandboxes = !!fleet && (!!fleet.adminKey || fleet.sandboxes.size > 0);
  addDocsRoutes(app, host, !!fleet?.adminKey);
  if (sandboxes) addConsoleRoutes(app);
  const logRequests = env.logger.isLevelEnabled('info');
  app.use(async (req: Request, res: Response) => {
    const started = logRequests ? process.hrtime.bigint() : 0n;
    // Only the admin's import may send a sandbox file larger than the body limit (checked before the body is read).
    const importing =
      !!fleet &&
      req.method === 'POST' &&
      /^\/admin\/sandboxes\/import\/?$/i.test(req.path) &&
      isAdmin(fleet, { headers: { authorization: req.headers.authorization ?? '' } });
    const body = await readBody(req, importing ? Math.max(IMPORT_LIMIT, env.options.bodyLimitBytes) : env.options.bodyLimitBytes);
    if (body === 'too-large' || body === 'aborted') {
      const cid = ((req.headers['correlation-id'] as string | undefined) || newCorrelationId()) as CorrelationId;
      if (body === 'too-large') res.setHeader('Connection', 'close');
      return sendApiResponse(res, body === 'too-large' ? env.problems.payloadTooLarge(cid, env.options.bodyLimitBytes) : env.problems.emptyBody(cid));
    }
    const apiRequest = toApiRequest(req, body);
    const answered = answer(apiRequest);
    const out = answered instanceof Promise ? await answered : answered;
    sendApiResponse(res, out);
    if (logRequests) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      env.logger.info({ correlationId: apiRequest.correlationId, method: apiRequest.method, path: apiRequest.path, status: out.status, ms }, 'request');
    }
    return undefined;
  });
  return app;
}
