import { describe, expect, it } from 'vitest';
import { allowPermission, CONTENT_SECURITY_POLICY, isAppUrl, SECURE_WEB_PREFERENCES } from './policy';

describe('window security policy', () => {
  it('treats only app://chancery URLs as the app', () => {
    expect(isAppUrl('app://chancery/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://chancery/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('about:blank')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('denies every permission request', () => {
    for (const p of ['geolocation', 'notifications', 'media', 'clipboard-read', 'openExternal']) {
      expect(allowPermission(p)).toBe(false);
    }
  });

  it('keeps isolation and the sandbox on and Node off', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('allows no inline script or style and no remote source', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/u);
    expect(CONTENT_SECURITY_POLICY).toMatch(/style-src 'self'(;|$)/u);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/u);
  });
});
