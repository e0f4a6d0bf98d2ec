import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { ServerContext } from '../server-context.ts';
import { sendError, sendJson } from './respond.ts';

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /readyz`: 200 when the server takes connections (the store answers and the server is not
 * shutting down), 503 otherwise, so a load balancer drains an instance before it stops.
 * `/healthz` stays "the process is up".
 */
export async function handleReady(ctx: ServerContext, res: ServerResponse): Promise<void> {
  if (ctx.lifecycle.closing) {
    sendJson(res, 503, { ready: false, reason: 'shutting-down' });
    return;
  }
  try {
    await ctx.registry.store.list('_system/');
  } catch {
    sendJson(res, 503, { ready: false, reason: 'store-unavailable' });
    return;
  }
  sendJson(res, 200, { ready: true });
}

/**
 * `GET /metrics` in Prometheus' text format. Readable from loopback (a scraper on the same host
 * or behind the same proxy) or with `Authorization: Bearer {FIRSTLINE_METRICS_TOKEN}`; anyone
 * else gets 403. The metrics carry counts and timings only, no document or person names.
 */
export async function handleMetrics(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const tokenOk =
    ctx.metricsToken !== null && header !== undefined && sameSecret(header, ctx.metricsToken);
  // Behind a proxy every request comes from loopback; a forwarded one is not trusted as local.
  const local =
    isLoopback(req.socket.remoteAddress) && req.headers['x-forwarded-for'] === undefined;
  if (!tokenOk && !local) {
    sendError(
      res,
      403,
      'forbidden',
      'metrics are readable from loopback or with the metrics token',
    );
    return;
  }
  const text = await ctx.metrics.registry.metrics();
  res.writeHead(200, {
    'content-type': ctx.metrics.registry.contentType,
    'cache-control': 'no-store',
  });
  res.end(text);
}
