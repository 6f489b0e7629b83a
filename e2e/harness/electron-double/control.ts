import { serialize } from 'node:v8';
import type { ParentMessage } from './protocol';
import { runtime } from './runtime';

/** A structured-clonable copy of `value`; what cannot be cloned goes through JSON (functions → undefined). */
function cloneable(value: unknown): unknown {
  try {
    serialize(value);
    return value;
  } catch {
    try {
      const json = JSON.stringify(value);
      return json === undefined ? undefined : (JSON.parse(json) as unknown);
    } catch {
      return undefined;
    }
  }
}

/**
 * The fixture's evaluateMain: `source` is a function's text, run as `fn(electron, arg)` with the
 * same module object main got from `require('electron')` — so replacing `dialog.showSaveDialog`
 * there is seen by main, as with Playwright's `electronApplication.evaluate`.
 */
export function listenForFixture(electron: object): void {
  if (!process.send) return;
  process.on('message', (raw: unknown) => {
    const msg = raw as ParentMessage;
    if (msg?.t !== 'eval') return;
    void (async () => {
      try {
        const fn = (0, eval)(`(${msg.source})`) as (e: object, a: unknown) => unknown;
        const value = await fn(electron, msg.arg);
        runtime.report({ t: 'eval-result', seq: msg.seq, ok: true, value: cloneable(value) });
      } catch (err) {
        const error = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
        runtime.report({ t: 'eval-result', seq: msg.seq, ok: false, error });
      }
    })();
  });
}
