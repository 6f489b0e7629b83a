import type { WebContentsDouble } from './web-contents-double';
import { runtime } from './runtime';

/** Electron's permission request handler signature (the parts the double passes). */
export type PermissionRequestHandler = (
  webContents: WebContentsDouble,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean; mediaTypes?: Array<'video' | 'audio'> },
) => void;

export type PermissionCheckHandler = (
  webContents: WebContentsDouble | null,
  permission: string,
  requestingOrigin: string,
  details: Record<string, unknown>,
) => boolean;

/**
 * The powerful permissions the double asks main's request handler about when a page is made:
 * Electron's name (and media type) → the browser's permission name. Only those main allows are
 * granted; the rest are set to denied, as Electron's handler denying them would.
 */
const POWERFUL: ReadonlyArray<{ electron: string; mediaTypes?: Array<'video' | 'audio'>; browser: string }> = [
  { electron: 'geolocation', browser: 'geolocation' },
  { electron: 'notifications', browser: 'notifications' },
  { electron: 'media', mediaTypes: ['video'], browser: 'camera' },
  { electron: 'media', mediaTypes: ['audio'], browser: 'microphone' },
  { electron: 'clipboard-read', browser: 'clipboard-read' },
  { electron: 'midi', browser: 'midi' },
];

class SessionDouble {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }

  /** Asks main's request handler about each powerful permission; applies the answers. */
  async applyPermissions(webContents: WebContentsDouble): Promise<void> {
    const chromium = runtime.chromium;
    if (!chromium) return;
    const origin = runtime.origin;
    const requestingUrl = `${runtime.toAppUrl(origin)}`;
    for (const p of POWERFUL) {
      const granted = await this.ask(webContents, p.electron, requestingUrl, p.mediaTypes);
      try {
        await chromium.browserSession.send('Browser.setPermission', {
          permission: { name: p.browser },
          setting: granted ? 'granted' : 'denied',
          origin,
        });
      } catch (err) {
        console.error(`[electron-double] could not set permission ${p.browser}:`, err);
      }
    }
  }

  private ask(
    webContents: WebContentsDouble,
    permission: string,
    requestingUrl: string,
    mediaTypes: Array<'video' | 'audio'> | undefined,
  ): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    // Electron grants every permission request when no handler is set.
    if (!handler) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        console.error(`[electron-double] the permission request handler never answered for ${permission}; treating as denied`);
        resolve(false);
      }, 5_000);
      try {
        handler(
          webContents,
          permission,
          (granted) => {
            clearTimeout(timer);
            resolve(granted === true);
          },
          { requestingUrl, isMainFrame: true, ...(mediaTypes ? { mediaTypes } : {}) },
        );
      } catch (err) {
        clearTimeout(timer);
        console.error('[electron-double] the permission request handler threw:', err);
        resolve(false);
      }
    });
  }
}

export const defaultSession = new SessionDouble();
export type { SessionDouble };
export const session = { defaultSession };
