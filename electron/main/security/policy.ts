/**
 * The security policy of every Chancery window, kept free of Electron imports so it can be unit
 * tested and read in one place.
 */

/** The privileged scheme and host the renderer is served from (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'chancery';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Strict CSP: only the app's own scripts and styles; no inline code, no network, no frames. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Web preferences for every window. The window module writes them out literally in its
 * `new BrowserWindow(…)`, where a scanner can read them; windows/window-manager.test.ts checks
 * that what it passes is exactly this plus the preload, so the two cannot drift apart.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  spellcheck: true,
} as const;

/** True for URLs inside the app bundle; everything else is foreign (navigation, IPC senders). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Chancery never needs camera, location, notifications or the like: every request is denied. */
export function allowPermission(_permission: string): boolean {
  return false;
}
