import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ORIGIN, runtime } from './runtime';

/** `protocol.registerSchemesAsPrivileged` entry, as recorded. */
export interface CustomScheme {
  scheme: string;
  privileges?: Record<string, boolean>;
}

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

const handlers = new Map<string, ProtocolHandler>();
export const privilegedSchemes: CustomScheme[] = [];

export const protocol = {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (runtime.isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    privilegedSchemes.push(...schemes.map((s) => ({ ...s })));
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    if (scheme !== 'app') {
      console.error(`[electron-double] protocol.handle('${scheme}') recorded, but the harness only serves app://chancery`);
    }
    handlers.set(scheme, handler);
  },
};

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The loopback server that stands in for the `app://` scheme: every request becomes
 * `new Request('app://chancery' + path)` for main's handler, and the handler's status, every
 * header (so main's Content-Security-Policy applies for real) and body are written back.
 */
export function startLoopbackServer(): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const handler = handlers.get('app');
        if (!handler) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end("electron-double: main registered no protocol.handle('app', …)");
          return;
        }
        const method = req.method ?? 'GET';
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (name === 'host' || value === undefined) continue;
          try {
            headers.set(name, Array.isArray(value) ? value.join(', ') : value);
          } catch {
            /* a header undici refuses */
          }
        }
        const body = method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(await readBody(req));
        const request = new Request(APP_ORIGIN + (req.url ?? '/'), { method, headers, body });
        const response = await handler(request);
        const out: Record<string, string | string[]> = {};
        response.headers.forEach((value, name) => {
          if (name === 'set-cookie') return;
          out[name] = value;
        });
        const cookies = response.headers.getSetCookie();
        if (cookies.length > 0) out['set-cookie'] = cookies;
        const payload = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, response.statusText || undefined, out);
        res.end(method === 'HEAD' ? undefined : payload);
      } catch (err) {
        console.error(`[electron-double] protocol handler for ${req.url ?? '?'} failed:`, err);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end();
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.unref();
      resolve({ origin: `http://127.0.0.1:${port}`, server });
    });
  });
}
