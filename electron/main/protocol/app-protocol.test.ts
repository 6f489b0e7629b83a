import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { serveAppRequest } from './app-protocol';

let root: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'chancery-proto-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
});

const get = (url: string) => serveAppRequest(root, new Request(url));

describe('app:// protocol', () => {
  it('serves the renderer with a strict CSP', async () => {
    const res = await get('app://chancery/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<title>x</title>');
    expect((await get('app://chancery/assets/app.js')).status).toBe(200);
    expect((await get('app://chancery/')).status).toBe(200);
  });

  it('never serves files outside the bundle', async () => {
    for (const url of [
      'app://chancery/../secret.txt',
      'app://chancery/%2e%2e/secret.txt',
      'app://chancery/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://other/index.html',
      'app://chancery/missing.js',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text(), url).not.toContain('do not serve');
    }
  });

  it('refuses writes', async () => {
    const res = await serveAppRequest(root, new Request('app://chancery/index.html', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
  });
});
