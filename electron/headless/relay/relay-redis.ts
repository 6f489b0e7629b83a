import { randomUUID } from 'node:crypto';
import { Redis } from '@hocuspocus/extension-redis';
import { ChanceryError } from '../../../shared/errors';

/**
 * Hocuspocus' Redis extension, configured for a relay instance that shares documents with other
 * instances: a stable identifier per instance (how it recognises and skips its own messages in
 * Redis), a `chancery` key prefix, and a connection checked before the relay starts listening, so
 * an unreachable Redis is one error line at start rather than a relay that silently serves alone.
 * An edit that arrives from another instance was checked and stored by the instance that received
 * it from its client; this one stores it too (persistence-extension.ts).
 */

const CONNECT_TIMEOUT_MS = 5000;

/**
 * The extension without its store lock: it takes a Redis lock around Hocuspocus' `onStoreDocument`
 * so that instances sharing one database do not write the same document at once. The relay never
 * stores in that hook (each instance stores every edit to its own file before acknowledging it),
 * so the lock would only cost two Redis round trips per edit and, when another instance holds it,
 * a stack trace on the console.
 */
class RelayRedis extends Redis {
  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}
}

function parseRedisUrl(url: string): { host: string; port: number; username?: string; password?: string; db?: number; tls: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ChanceryError('INVALID_ARGUMENT', `${JSON.stringify(url)} is not a Redis address; write it as redis://host:port.`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ChanceryError('INVALID_ARGUMENT', `${JSON.stringify(url)} is not a Redis address (it must start with redis:// or rediss://).`);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined;
  if (db !== undefined && !Number.isInteger(db)) throw new ChanceryError('INVALID_ARGUMENT', `${JSON.stringify(url)} names Redis database ${JSON.stringify(parsed.pathname.slice(1))}, not a number.`);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db !== undefined ? { db } : {}),
    tls: parsed.protocol === 'rediss:',
  };
}

/** Connects to Redis at `url` and returns the extension; RELAY_FAILED if Redis cannot be reached. */
export async function startRedis(url: string, log: (line: string) => void): Promise<Redis> {
  const { host, port, tls, ...auth } = parseRedisUrl(url);
  const ext = new RelayRedis({
    host,
    port,
    prefix: 'chancery',
    identifier: `chancery-relay-${randomUUID()}`,
    options: { ...auth, ...(tls ? { tls: {} } : {}), connectTimeout: CONNECT_TIMEOUT_MS },
  });
  // ioredis reconnects by itself; say so once per outage instead of once per attempt.
  let down = false;
  let started = false; // at start a failure is the error startRedis throws, not a log line
  for (const client of [ext.pub, ext.sub]) {
    client.on('error', (err: Error) => {
      if (down || !started) return;
      down = true;
      log(`Redis at ${host}:${port} unreachable (${err.message}); retrying`);
    });
    client.on('ready', () => {
      if (down) log(`Redis at ${host}:${port} reachable again`);
      down = false;
    });
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all([ext.pub.ping(), ext.sub.ping()]),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
        // At start a failed first attempt is the answer: do not wait for ioredis' retries.
        ext.pub.once('error', reject);
        ext.sub.once('error', reject);
      }),
    ]);
  } catch (err) {
    ext.pub.disconnect(false);
    ext.sub.disconnect(false);
    throw new ChanceryError('RELAY_FAILED', `The relay cannot reach Redis at ${host}:${port} (${err instanceof Error ? err.message : String(err)}); start Redis or check --redis.`);
  } finally {
    clearTimeout(timer);
  }
  started = true;
  return ext;
}
