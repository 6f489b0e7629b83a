import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { startLoopbackServer } from './protocol-double';
import { runtime } from './runtime';
import type { WebContentsDouble } from './web-contents-double';
import { BrowserWindowDouble, windowHooks } from './window-double';
import { watchForeignPages } from './window-pages';

type AppEvent = 'window-all-closed' | 'before-quit' | 'will-quit' | 'second-instance' | 'open-file' | 'web-contents-created';
const APP_EVENTS: readonly string[] = ['window-all-closed', 'before-quit', 'will-quit', 'second-instance', 'open-file', 'web-contents-created'];

/** The event object Electron passes first to app listeners. */
export interface AppEventDouble {
  defaultPrevented: boolean;
  preventDefault(): void;
}

function makeEvent(): AppEventDouble {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** The app's package.json (the one beside `out/`), for name and version. */
function appPackage(): { name: string; productName?: string; version: string } {
  let dir = dirname(process.argv[1] ?? process.cwd());
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; productName?: string; version?: string };
      return { name: pkg.name ?? 'Electron', productName: pkg.productName, version: pkg.version ?? '0.0.0' };
    }
    dir = dirname(dir);
  }
  return { name: 'Electron', version: '0.0.0' };
}

class AppDouble {
  readonly isPackaged = false;
  private readonly emitter = new EventEmitter();
  private readonly ready: Promise<void>;
  private userData: string | null = null;
  private exiting = false;

  constructor() {
    this.ready = this.boot();
    this.ready.catch((err: unknown) => {
      console.error('[electron-double] could not start the harness:', err);
      this.exit(1);
    });
    windowHooks.webContentsCreated = (wc) => this.emit('web-contents-created', makeEvent(), wc);
    windowHooks.windowClosed = () => this.onWindowClosed();
    runtime.onTerminationSignal = () => this.quit();
  }

  private async boot(): Promise<void> {
    const { origin } = await startLoopbackServer();
    runtime.origin = origin;
    const chromium = await runtime.launchBrowser();
    chromium.browser.on('disconnected', () => {
      if (this.exiting) return;
      console.error('[electron-double] Chromium went away; closing every window');
      for (const w of BrowserWindowDouble.getAllWindows()) w.markClosed();
    });
    runtime.isReady = true;
    // Popups are asked of the first window's open handler, as the one that could have opened them.
    await watchForeignPages(() => BrowserWindowDouble.getAllWindows()[0]?.webContents);
    runtime.report({ t: 'browser', wsEndpoint: chromium.wsEndpoint, browserPid: chromium.pid, origin });
  }

  /**
   * Calls the listeners of `event`, like Electron's `app` (an EventEmitter) does. Also the way a
   * spec delivers what the harness cannot produce itself: `app.emit('second-instance', {}, argv,
   * cwd)` through `evaluateMain` opens a window the way a second launch would. Returns whether
   * anyone listened. A listener that throws is reported and the others still run.
   */
  emit(event: AppEvent, ...args: unknown[]): boolean {
    const listeners = this.emitter.listeners(event);
    for (const listener of listeners) {
      try {
        (listener as (...a: unknown[]) => void)(...args);
      } catch (err) {
        // Electron reports an uncaught exception in the main process and carries on.
        console.error(`A JavaScript error occurred in the main process ('${event}' listener):`, err);
      }
    }
    return listeners.length > 0;
  }

  private onWindowClosed(): void {
    if (runtime.quitting || BrowserWindowDouble.getAllWindows().length > 0) return;
    // Electron's default when nobody listens: quit.
    if (this.emitter.listenerCount('window-all-closed') === 0) this.quit();
    else this.emit('window-all-closed', makeEvent());
  }

  // ---- the Electron surface ----

  whenReady(): Promise<void> {
    return this.ready;
  }

  on(event: AppEvent, listener: (...args: never[]) => void): this {
    if (!APP_EVENTS.includes(event)) {
      console.error(`[electron-double] app.on('${event}') is recorded but the harness never emits it`);
    }
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /**
   * Emits 'before-quit' (a listener may preventDefault and call quit() again later), closes every
   * window, emits 'will-quit' once the windows' 'closed' handlers ran, then exits.
   */
  quit(): void {
    if (runtime.quitting || this.exiting) return;
    const event = makeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    runtime.quitting = true;
    void (async () => {
      for (const w of BrowserWindowDouble.getAllWindows()) {
        w.destroy();
      }
      // Let the windows' 'closed' handlers (and what they schedule) run before the process ends.
      await new Promise((r) => setImmediate(r));
      this.emit('will-quit', makeEvent());
      this.exit(0);
    })();
  }

  exit(code = 0): void {
    this.exiting = true;
    runtime.killBrowserSync();
    process.exit(code);
  }

  /** Like Electron launched on a script: the folder of the main script. */
  getAppPath(): string {
    return dirname(resolve(process.argv[1] ?? '.'));
  }

  getPath(name: 'userData'): string {
    if (name !== 'userData') {
      throw new Error(`electron-double: app.getPath('${String(name)}') is not part of the harness surface (only 'userData')`);
    }
    if (this.userData === null) {
      const pkg = appPackage();
      const configHome = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
      this.userData = join(configHome, pkg.productName ?? pkg.name);
    }
    return this.userData;
  }

  setPath(name: 'userData', path: string): void {
    if (name !== 'userData') {
      throw new Error(`electron-double: app.setPath('${String(name)}') is not part of the harness surface (only 'userData')`);
    }
    this.userData = path;
  }

  /** Always true: every harness launch is its own instance (a spec emits 'second-instance' itself). */
  requestSingleInstanceLock(): boolean {
    return true;
  }

  getVersion(): string {
    return appPackage().version;
  }

  addRecentDocument(_path: string): void {
    /* no-op */
  }
}

export const app = new AppDouble();
export type { AppDouble, WebContentsDouble };
