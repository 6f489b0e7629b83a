import type { WebContents } from 'electron';
import { isAppUrl } from '../security/policy';

/**
 * Applied to every webContents the app ever creates: no navigation away from the bundle (a
 * dropped file or a link in pasted text must not replace the app), no new windows, no webviews.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
