import type { ChildMessage } from './protocol';
import { DOUBLE_ENV } from './protocol';
import { DEFAULT_CHROMIUM, launchChromium, type ChromiumInstance } from './chromium';

/**
 * Process-wide state of the double: the Chromium that plays Electron's renderer side, the
 * loopback origin that stands in for `app://chancery`, and the channel to the e2e fixture.
 */
export const APP_ORIGIN = 'app://chancery';

class Runtime {
  chromium: ChromiumInstance | null = null;
  /** `http://127.0.0.1:<port>` of the loopback server serving `protocol.handle('app', …)`. */
  origin = '';
  isReady = false;
  quitting = false;

  /** Maps a loopback URL back to `app://chancery/…`; any other URL is returned unchanged. */
  toAppUrl(url: string): string {
    if (this.origin && (url === this.origin || url.startsWith(`${this.origin}/`))) {
      return APP_ORIGIN + (url.slice(this.origin.length) || '/');
    }
    return url;
  }

  /** Maps `app://chancery/…` to the loopback server. */
  toLoopbackUrl(appUrl: string): string {
    return this.origin + appUrl.slice(APP_ORIGIN.length);
  }

  /** Reports to the fixture, when there is one (start-app runs the double without a channel). */
  report(msg: ChildMessage): void {
    if (process.send && process.connected) process.send(msg, undefined, undefined, () => {});
  }

  get headed(): boolean {
    return process.env[DOUBLE_ENV.headed] === '1';
  }

  get chromiumPath(): string {
    return process.env[DOUBLE_ENV.chromium] ?? DEFAULT_CHROMIUM;
  }

  async launchBrowser(): Promise<ChromiumInstance> {
    const c = await launchChromium({ executable: this.chromiumPath, headed: this.headed });
    this.chromium = c;
    return c;
  }

  /** Set by the app double: what a SIGINT/SIGTERM does (Electron quits gracefully). */
  onTerminationSignal: () => void = () => {
    this.killBrowserSync();
    process.exit(1);
  };

  /** Kills Chromium now; used on every way out of the process. */
  killBrowserSync(): void {
    this.chromium?.killSync();
  }
}

export const runtime = new Runtime();

process.on('exit', () => runtime.killBrowserSync());
// The fixture went away (test runner killed): do not leave main and Chromium behind.
process.on('disconnect', () => {
  runtime.killBrowserSync();
  process.exit(1);
});
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(sig, () => runtime.onTerminationSignal());
}
