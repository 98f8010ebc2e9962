import express, { type NextFunction, type Request, type Response } from 'express';
import { problems } from '../errors/problems';
import type { Env } from '../pipeline/context';
import { handle } from '../pipeline/handle';
import type { CorrelationId } from '../util/brand';
import { newCorrelationId } from '../util/ids';
import { addDebugRoutes } from './debug-routes';
import { sendApiResponse } from './send-api-response';
import { toApiRequest } from './to-api-request';

/** Builds the express app around the core: express only converts requests and responses (house rule 3). */
export function createApp(env: Env): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', false);
  // The core parses bodies itself (ODS error wording, content-type rules, token forms): read every body as text.
  if (env.options.debug) addDebugRoutes(app, env);
  app.use(express.text({ type: () => true, limit: env.options.bodyLimitBytes, defaultCharset: 'utf-8' }));
  app.use((req: Request, res: Response) => {
    const started = process.hrtime.bigint();
    const apiRequest = toApiRequest(req);
    const out = handle(env, apiRequest);
    sendApiResponse(res, out);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    env.logger.info({ correlationId: apiRequest.correlationId, method: apiRequest.method, path: apiRequest.path, status: out.status, ms }, 'request');
  });
  app.use((err: Error & { type?: string; status?: number }, req: Request, res: Response, _next: NextFunction) => {
    const cid = ((req.headers['correlation-id'] as string | undefined) || newCorrelationId()) as CorrelationId;
    if (err.type === 'entity.too.large') return sendApiResponse(res, problems.payloadTooLarge(cid, env.options.bodyLimitBytes));
    if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported') return sendApiResponse(res, problems.unsupportedMediaType(cid, false));
    if (err.status && err.status < 500) return sendApiResponse(res, problems.emptyBody(cid));
    env.logger.error({ err, correlationId: cid }, 'request failed before reaching the API');
    return sendApiResponse(res, problems.system(cid));
  });
  return app;
}
