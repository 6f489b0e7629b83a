/**
 * Messages on the Node IPC channel between the e2e fixture (parent) and the main process running
 * on the electron double (child). Both ends use `serialization: 'advanced'` (structured clone).
 */

/** Child → fixture. */
export type ChildMessage =
  /** The browser is up and the loopback server that stands in for `app://chancery` listens. */
  | { t: 'browser'; wsEndpoint: string; browserPid: number; origin: string }
  /** A BrowserWindow got its page (identified by its CDP target id). */
  | { t: 'window'; windowId: number; targetId: string }
  /** A window's page fired DOMContentLoaded on an app document. */
  | { t: 'window-dom-ready'; windowId: number; targetId: string; url: string }
  | { t: 'window-closed'; windowId: number }
  | { t: 'eval-result'; seq: number; ok: true; value: unknown }
  | { t: 'eval-result'; seq: number; ok: false; error: string };

/** Fixture → child: run `source` (a function's text) as `fn(electron, arg)` in the main process. */
export type ParentMessage = { t: 'eval'; seq: number; source: string; arg: unknown };

/** Environment variables the double reads. */
export const DOUBLE_ENV = {
  /** "1": launch Chromium with a visible window (needs $DISPLAY). */
  headed: 'CHANCERY_HARNESS_HEADED',
  /** Chromium executable; default /usr/bin/chromium. */
  chromium: 'CHANCERY_CHROMIUM',
} as const;
