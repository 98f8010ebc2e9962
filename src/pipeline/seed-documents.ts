import type { CorrelationId } from '../util/brand';
import type { Ctx, Env } from './context';
import { authenticate } from '../steps/authenticate';
import { beginWrite } from '../steps/begin-write';
import { checkAccess } from '../steps/check-access';
import { pipelines } from './pipelines';
import { run } from './run';
import type { DocumentSet } from './profile';

/**
 * Seeds a profile's documents (e.g. WI's DPI education organization and program catalogue) through the same upsert
 * steps a client's POST takes (validation, references, descriptors), minus authentication. A seed the model rejects is
 * a profile bug: start-up stops with the API's own answer.
 */
export function seedDocuments(env: Env, sets: readonly DocumentSet[]): number {
  let written = 0;
  // The caller holds the write (PostgreSQL: the seeding transaction), so the steps do not begin one of their own.
  const steps = pipelines.upsert.filter((s) => s !== authenticate && s !== checkAccess && s !== beginWrite);
  for (const set of sets) {
    const entry = env.registry.byName.get(set.resource);
    if (!entry) throw new Error(`profile documents: ${set.resource} is not a resource of Data Standard ${env.registry.dataStandard}`);
    const [, schema, resource] = entry.route.toLowerCase().split('/');
    for (const item of set.items) {
      const body = JSON.stringify({ ...set.template, ...item });
      const ctx: Ctx = {
        env,
        params: { schema, resource },
        req: {
          method: 'POST',
          path: `${env.urls.data}${entry.route}`,
          query: {},
          headers: { 'content-type': 'application/json' },
          body,
          origin: 'http://seed',
          correlationId: 'profile-seed' as CorrelationId,
        },
      };
      const out = run(steps, ctx);
      // Seeding runs while the environment is assembled, before the server listens: the store answers at once.
      if (out instanceof Promise) throw new Error('profile documents: the store answered asynchronously while seeding');
      if (out.status !== 201 && out.status !== 200) throw new Error(`profile document ${set.resource} ${body} was rejected: ${JSON.stringify(out.body)}`);
      if (out.status === 201) written++;
    }
  }
  return written;
}
