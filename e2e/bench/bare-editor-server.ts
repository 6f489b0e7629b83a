/**
 * Builds the baseline page (e2e/bench/bare-editor/) with Vite into a temp directory at bench time
 * and serves it, plus the document state as `doc.bin`, from a loopback HTTP server. For the open
 * baseline it can also serve further states computed on each request (e.g. `open.bin`, read from
 * a workspace file), so that the bare editor, like the app, pays for getting the document out of
 * the file.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const SOURCE_DIR = resolve(__dirname, 'bare-editor');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.bin': 'application/octet-stream',
};

export interface BareEditorServer {
  /** URL of the page. */
  url: string;
  close(): Promise<void>;
}

/** `vite build` of the bare editor into a fresh temp dir; returns that dir. */
export async function buildBareEditor(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'chancery-bare-editor-'));
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: SOURCE_DIR,
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'esnext', reportCompressedSize: false },
  });
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`vite build of ${SOURCE_DIR} produced no index.html`);
  return outDir;
}

export async function serveBareEditor(
  outDir: string,
  docState: Uint8Array,
  /** More states by path, e.g. `{ '/open.bin': () => … }`, computed on each request. */
  states: Record<string, () => Uint8Array> = {},
): Promise<BareEditorServer> {
  const root = resolve(outDir);
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const state = pathname === '/doc.bin' ? () => docState : Object.hasOwn(states, pathname) ? states[pathname] : undefined;
    if (state) {
      let body: Uint8Array;
      try {
        body = state();
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(err instanceof Error ? err.message : String(err));
        return;
      }
      res.writeHead(200, { 'content-type': TYPES['.bin']!, 'cache-control': 'no-store' });
      res.end(Buffer.from(body));
      return;
    }
    const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
        rmSync(outDir, { recursive: true, force: true });
      }),
  };
}
