import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from '../security/policy';

/** Registration options for the privileged scheme; must be applied before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function reply(status: number, body: ConstructorParameters<typeof Response>[0], contentType: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    },
  });
}

/**
 * Serves the built renderer for app://chancery/…: only files under `root`, only GET, with the CSP
 * on every response (so it holds even if index.html lost its meta tag). Anything else is a plain
 * 4xx — never a directory listing or a file outside the bundle.
 */
export async function serveAppRequest(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, 'Method not allowed', 'text/plain');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return reply(400, 'Bad request', 'text/plain');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return reply(404, 'Not found', 'text/plain');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return reply(400, 'Bad request', 'text/plain');
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const base = normalize(root + sep);
  const file = normalize(join(base, pathname));
  if (!file.startsWith(base) || pathname.includes('\0')) return reply(404, 'Not found', 'text/plain');
  const type = CONTENT_TYPES[extname(file)];
  if (!type) return reply(404, 'Not found', 'text/plain');
  try {
    const body = await readFile(file);
    return reply(200, request.method === 'HEAD' ? null : body, type);
  } catch {
    return reply(404, 'Not found', 'text/plain');
  }
}
