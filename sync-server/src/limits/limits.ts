import type { IncomingMessage } from 'node:http';
import { RateLimiter, type RateLimit } from './rate-limiter.ts';

/**
 * What one client may cost the server. Every limit has a default meant for a real deployment: a
 * manager's panel opens one socket per document on screen (a few dozen at once) and sends one
 * message per edit or presence change, so the defaults leave a wide margin above that and still
 * stop a runaway script.
 */
export interface LimitOptions {
  /** Largest document, as stored bytes, before updates are refused with 4413 (default 64 MiB). */
  maxDocBytes?: number;
  /** Bytes a connection may send before its token is verified (default 1 MiB); over: 4413. */
  preAuthMaxBytes?: number;
  /** Frames a connection may send before its token is verified (default 256); over: 4413. */
  preAuthMaxFrames?: number;
  /** How long token verification and loading may take before the connection is refused, ms. */
  authTimeoutMs?: number;
  /** Connection attempts per client IP address (default burst 300, 30/s). */
  connectionsPerIp?: RateLimit;
  /** Accepted tokens per person (default burst 200, 20/s): a leaked token cannot open thousands. */
  connectionsPerToken?: RateLimit;
  /** Messages per client IP address, over all its sockets (default burst 20 000, 2 000/s). */
  messagesPerIp?: RateLimit;
  /** Messages per person, over all their sockets (default burst 5 000, 500/s). */
  messagesPerToken?: RateLimit;
  /**
   * Take the client address from the first `X-Forwarded-For` entry (behind a reverse proxy that
   * sets it). Off by default: a direct client could otherwise pick its own address.
   */
  trustProxy?: boolean;
}

/** The limits in force, with their rate limiters. */
export interface Limits {
  maxDocBytes: number;
  preAuthMaxBytes: number;
  preAuthMaxFrames: number;
  authTimeoutMs: number;
  trustProxy: boolean;
  connectionsPerIp: RateLimiter;
  connectionsPerToken: RateLimiter;
  messagesPerIp: RateLimiter;
  messagesPerToken: RateLimiter;
}

/** Fills in the defaults and builds the buckets. `rateLimits: false` turns the buckets off. */
export function createLimits(options: LimitOptions = {}, rateLimits = true): Limits {
  const off: RateLimit = { burst: Number.MAX_SAFE_INTEGER, perSecond: Number.MAX_SAFE_INTEGER };
  const pick = (given: RateLimit | undefined, fallback: RateLimit): RateLimiter =>
    new RateLimiter(rateLimits ? (given ?? fallback) : off);
  return {
    maxDocBytes: options.maxDocBytes ?? 64 * 1024 * 1024,
    preAuthMaxBytes: options.preAuthMaxBytes ?? 1024 * 1024,
    preAuthMaxFrames: options.preAuthMaxFrames ?? 256,
    authTimeoutMs: options.authTimeoutMs ?? 10_000,
    trustProxy: options.trustProxy ?? false,
    connectionsPerIp: pick(options.connectionsPerIp, { burst: 300, perSecond: 30 }),
    connectionsPerToken: pick(options.connectionsPerToken, { burst: 200, perSecond: 20 }),
    messagesPerIp: pick(options.messagesPerIp, { burst: 20_000, perSecond: 2_000 }),
    messagesPerToken: pick(options.messagesPerToken, { burst: 5_000, perSecond: 500 }),
  };
}

/** The client's address: the socket's peer, or the proxy's `X-Forwarded-For` when trusted. */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
