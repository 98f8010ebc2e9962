import express, { type Request, type Response } from 'express';
import type { Env } from '../pipeline/context';
import { type Host, createHost, handleHost } from '../pipeline/host';
import type { CorrelationId } from '../util/brand';
import { newCorrelationId } from '../util/ids';
import { addDebugRoutes } from './debug-routes';
import { addDocsRoutes } from './docs';
import { readBody } from './read-body';
import { sendApiResponse } from './send-api-response';
import { toApiRequest } from './to-api-request';

/** Builds the express app around the core: express only converts requests and responses (house rule 3). */
export function createApp(target: Env | Host): express.Express {
  const host = 'envs' in target ? target : createHost([target]);
  const env = host.root;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', false);
  if (env.options.debug) addDebugRoutes(app, env);
  addDocsRoutes(app, host);
  const logRequests = env.logger.isLevelEnabled('info');
  app.use(async (req: Request, res: Response) => {
    const started = logRequests ? process.hrtime.bigint() : 0n;
    const body = await readBody(req, env.options.bodyLimitBytes);
    if (body === 'too-large' || body === 'aborted') {
      const cid = ((req.headers['correlation-id'] as string | undefined) || newCorrelationId()) as CorrelationId;
      if (body === 'too-large') res.setHeader('Connection', 'close');
      return sendApiResponse(res, body === 'too-large' ? env.problems.payloadTooLarge(cid, env.options.bodyLimitBytes) : env.problems.emptyBody(cid));
    }
    const apiRequest = toApiRequest(req, body);
    const answer = handleHost(host, apiRequest);
    const out = answer instanceof Promise ? await answer : answer;
    sendApiResponse(res, out);
    if (logRequests) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      env.logger.info({ correlationId: apiRequest.correlationId, method: apiRequest.method, path: apiRequest.path, status: out.status, ms }, 'request');
    }
    return undefined;
  });
  return app;
}
