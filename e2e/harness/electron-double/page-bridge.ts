/**
 * The page side of the double: an init script that stands in for Electron's sandboxed preload
 * environment. It runs before any page script in every frame of a window:
 *  - takes the Playwright binding the double exposed (the only way into main), keeps it in this
 *    closure and deletes the global, so page scripts do not get it handed to them;
 *  - replaces `window.open` so the request goes to main's window-open handler (deny → `null`, as
 *    in Electron), and in the top frame `window.close` so it closes the window (as in Electron);
 *  - in the main frame only (Electron runs preloads in the main frame, not in subframes), runs the
 *    REAL built preload inside a function scope whose `require('electron')` gives `contextBridge`
 *    and `ipcRenderer`.
 *
 * `pageBridge` is stringified and evaluated in the page, so it must not close over anything from
 * this module. tsx compiles with keepNames, which inserts `__name(...)` calls; the script text
 * defines a no-op `__name` for them.
 */

export interface BridgeConfig {
  /** Global the Playwright binding is installed under; deleted by the bridge on install. */
  bindingName: string;
  /** Non-enumerable global through which `webContents.send` delivers to `ipcRenderer.on` listeners. */
  dispatchKey: string;
  /** Absolute path of the preload file, for `__filename`/`__dirname`. */
  preloadPath: string | null;
}

/** Messages the page sends through the binding. */
export type BridgeCall =
  | { kind: 'invoke'; channel: string; args: unknown[] }
  | { kind: 'open'; url: string; frameName: string; features: string }
  /** `window.close()` in the top frame: Electron closes the BrowserWindow. */
  | { kind: 'close' };

/** What the binding resolves to for an invoke. */
export type InvokeReply = { ok: true; value: unknown } | { ok: false; message: string };

type PreloadFn = (
  require: (name: string) => unknown,
  module: { exports: unknown },
  exports: unknown,
  __filename: string,
  __dirname: string,
) => void;

/** Runs in the page. Self-contained on purpose (see the file comment). */
export function pageBridge(cfg: BridgeConfig, runPreload: PreloadFn | null): void {
  const w = window as unknown as Record<string, unknown>;
  const binding = w[cfg.bindingName] as ((call: BridgeCall) => Promise<unknown>) | undefined;
  try {
    delete w[cfg.bindingName];
  } catch {
    /* non-configurable: leave it */
  }
  if (typeof binding !== 'function') return;

  const B64_CHUNK = 0x8000;
  const btoa_ = window.btoa.bind(window);
  const atob_ = window.atob.bind(window);
  const fromCharCode = String.fromCharCode;
  const U8 = Uint8Array;
  const u8ToB64 = (u8: Uint8Array): string => {
    const withBase64 = u8 as Uint8Array & { toBase64?: () => string };
    if (typeof withBase64.toBase64 === 'function') return withBase64.toBase64();
    let s = '';
    for (let i = 0; i < u8.length; i += B64_CHUNK) {
      s += fromCharCode(...u8.subarray(i, i + B64_CHUNK));
    }
    return btoa_(s);
  };
  const b64ToU8 = (b64: string): Uint8Array => {
    const ctor = U8 as unknown as { fromBase64?: (s: string) => Uint8Array };
    if (typeof ctor.fromBase64 === 'function') return ctor.fromBase64(b64);
    const bin = atob_(b64);
    const out = new U8(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  };
  const isPlain = (v: object): boolean => {
    const p = Object.getPrototypeOf(v) as unknown;
    return p === Object.prototype || p === null;
  };
  const encode = (v: unknown): unknown => {
    if (v instanceof U8) return { __u8: u8ToB64(v) };
    if (Array.isArray(v)) return v.map(encode);
    if (typeof v === 'object' && v !== null && isPlain(v)) {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(v)) o[k] = encode((v as Record<string, unknown>)[k]);
      return o;
    }
    return v;
  };
  const decode = (v: unknown): unknown => {
    if (typeof v === 'object' && v !== null) {
      const rec = v as Record<string, unknown>;
      const keys = Object.keys(rec);
      if (keys.length === 1 && keys[0] === '__u8' && typeof rec.__u8 === 'string') return b64ToU8(rec.__u8);
      if (Array.isArray(v)) return v.map(decode);
      if (isPlain(v)) {
        const o: Record<string, unknown> = {};
        for (const k of keys) o[k] = decode(rec[k]);
        return o;
      }
    }
    return v;
  };

  // window.open → main's setWindowOpenHandler. Electron returns null when the handler denies;
  // the answer is asynchronous here, so the double always returns null (an allowed URL opens as
  // a separate page).
  Object.defineProperty(window, 'open', {
    configurable: true,
    writable: true,
    value: function open(url?: string | URL, target?: string, features?: string): null {
      let abs = 'about:blank';
      try {
        if (url !== undefined && String(url) !== '') abs = new URL(String(url), document.baseURI).href;
      } catch {
        abs = String(url);
      }
      void binding({ kind: 'open', url: abs, frameName: target ?? '', features: features ?? '' }).catch(() => {});
      return null;
    },
  });

  if (window.top !== window) return;

  // window.close() in a BrowserWindow's top document closes the window in Electron. Chromium
  // ignores it here (the page was not opened by a script), so the double closes the window.
  Object.defineProperty(window, 'close', {
    configurable: true,
    writable: true,
    value: function close(): void {
      void binding({ kind: 'close' }).catch(() => {});
    },
  });

  if (runPreload === null) return;

  type Listener = (event: unknown, ...args: unknown[]) => void;
  const listeners = new Map<string, Listener[]>();
  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      return binding({ kind: 'invoke', channel: String(channel), args: encode(args) as unknown[] }).then((raw) => {
        const reply = raw as InvokeReply;
        if (reply.ok) return decode(reply.value);
        throw new Error(`Error invoking remote method '${channel}': ${reply.message}`);
      });
    },
    on(channel: string, listener: Listener) {
      const list = listeners.get(channel) ?? [];
      list.push(listener);
      listeners.set(channel, list);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      const list = listeners.get(channel);
      if (list) {
        const i = list.indexOf(listener);
        if (i >= 0) list.splice(i, 1);
      }
      return ipcRenderer;
    },
  };
  Object.defineProperty(window, cfg.dispatchKey, {
    enumerable: false,
    configurable: false,
    writable: false,
    value: (channel: string, encodedArgs: unknown[]) => {
      const args = decode(encodedArgs) as unknown[];
      const event = { sender: ipcRenderer, ports: [] };
      for (const l of [...(listeners.get(channel) ?? [])]) {
        try {
          l(event, ...args);
        } catch (err) {
          console.error(err);
        }
      }
    },
  });

  const deepFreeze = (v: unknown): unknown => {
    if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    }
    return v;
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown): void {
      if (Object.prototype.hasOwnProperty.call(window, key)) {
        throw new Error('Cannot bind an API on top of an existing property on the window object');
      }
      Object.defineProperty(window, key, { value: deepFreeze(api), writable: false, enumerable: true, configurable: false });
    },
  };
  const electron = Object.freeze({ contextBridge, ipcRenderer });
  const requireShim = (name: string): unknown => {
    if (name === 'electron') return electron;
    throw new Error(
      `Cannot find module '${name}': a sandboxed preload can only require 'electron' (the Chancery harness provides contextBridge and ipcRenderer)`,
    );
  };
  const filename = cfg.preloadPath ?? '';
  const dirname = filename.replace(/[\\/][^\\/]*$/u, '');
  const mod = { exports: {} as unknown };
  runPreload(requireShim, mod, mod.exports, filename, dirname);
}

/** The init script text: the bridge plus the real preload source wrapped as a CommonJS module. */
export function buildInitScript(cfg: BridgeConfig, preloadSource: string | null): string {
  const preloadFn =
    preloadSource === null
      ? 'null'
      : `function (require, module, exports, __filename, __dirname) {\n${preloadSource}\n}`;
  return `(() => {\nconst __name = (target) => target;\n(${pageBridge.toString()})(${JSON.stringify(cfg)}, ${preloadFn});\n})();\n//# sourceURL=chancery-harness-preload.js\n`;
}

/** Runs in the page (via page.evaluate): delivers a `webContents.send` to the listener registry. */
export function dispatchInPage([key, channel, args]: [string, string, unknown[]]): boolean {
  const fn = (window as unknown as Record<string, unknown>)[key];
  if (typeof fn !== 'function') return false;
  (fn as (c: string, a: unknown[]) => void)(channel, args);
  return true;
}
