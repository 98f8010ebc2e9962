import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Express } from 'express';
import type { Env } from '../pipeline/context';

/**
 * Opt-in (`serve --debug`) endpoints for the benchmark: heap after GC against stored JSON bytes (G8), the ajv compile
 * counter (G11), the longest event-loop block since the last read (G9), and a journal compaction trigger.
 */
export function addDebugRoutes(app: Express, env: Env): void {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  app.get('/__debug/memory', (_req, res) => {
    (globalThis as { gc?: () => void }).gc?.();
    let storedBytes = 0;
    for (const id of env.store.ids()) storedBytes += Buffer.byteLength(env.store.get(id)!.body);
    const m = process.memoryUsage();
    res.json({
      heapUsed: m.heapUsed,
      rss: m.rss,
      documents: env.store.size(),
      storedBytes,
      gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    });
  });
  app.get('/__debug/compiles', (_req, res) => res.json({ compiles: env.registry.compileCount(), resources: env.registry.byName.size }));
  app.get('/__debug/loop', (_req, res) => {
    res.json({ maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6 });
    loop.reset();
  });
  app.post('/__debug/compact', async (_req, res) => {
    if (env.backend.kind !== 'journal') return void res.status(400).json({ error: 'not persisted to a journal' });
    const started = Date.now();
    await env.backend.compact();
    res.json({ ms: Date.now() - started });
  });
  app.post('/__debug/flush', async (_req, res) => {
    await env.backend.flush();
    res.json({ ok: true });
  });
}
