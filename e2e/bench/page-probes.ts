/**
 * Code that runs inside the measured pages (passed to page.evaluate, so each function must be
 * self-contained), and the Node-side calls that install and read it.
 *
 * "Painted" is taken the same way everywhere: requestAnimationFrame, then a MessageChannel message
 * posted from inside the rAF callback; the message runs after that frame's style, layout and paint.
 */
import type { Page } from 'playwright-core';

/** tsx compiles with keepNames, which wraps inner functions in `__name(…)`; give pages a no-op. */
export async function installNameShim(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (target) => target; undefined');
}

export interface OpenTimes {
  /** ms from t0 until workspace.open's reply arrived (null when no open was requested). */
  reply: number | null;
  /** ms from t0 until the first document's button showed in the sidebar. */
  sidebar: number;
  /** ms from t0 until the editor was contenteditable with every clause numbered. */
  editorDom: number;
  /** ms from t0 until the frame showing it had painted. */
  painted: number;
  /** performance.timeOrigin + the paint time: epoch ms, comparable with the Node side's clock. */
  paintedEpoch: number;
  /** The sidebar was already showing when this function started (launch mode: click is late). */
  sidebarAlreadyShown: boolean;
}

/**
 * In the page: optionally calls `window.chancery.workspace.open(path)` (the raw preload API, an
 * `{ok, value}` envelope), then, as a user would, clicks the first document in the sidebar the
 * moment it shows and waits until its editor is editable with all `clauses` clauses numbered.
 * DOM changes are watched with a MutationObserver, so each step is timed in the task that made it.
 */
export function openFirstDocumentInPage(arg: { path: string | null; clauses: number; timeoutMs: number }): Promise<OpenTimes> {
  const t0 = performance.now();
  const waitFor = <T>(check: () => T | null, what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const first = check();
      if (first) {
        resolve(first);
        return;
      }
      const observer = new MutationObserver(() => {
        const found = check();
        if (!found) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(found);
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`timed out after ${arg.timeoutMs} ms waiting for ${what}; page text: ${document.body.innerText.slice(0, 300)}`));
      }, arg.timeoutMs);
    });
  const firstButton = () => document.querySelector<HTMLButtonElement>('nav[aria-label="Documents"] li button.doc-open');
  const sidebarAlreadyShown = firstButton() !== null;

  let reply: Promise<number> | null = null;
  if (arg.path !== null) {
    type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
    const api = (window as unknown as { chancery: { workspace: { open(p: string): Promise<Envelope> } } }).chancery;
    reply = api.workspace.open(arg.path).then((envelope) => {
      if (!envelope.ok) throw new Error(`workspace.open failed: ${envelope.error.code}: ${envelope.error.message}`);
      return performance.now() - t0;
    });
    reply.catch(() => {});
  }

  return (async () => {
    const button = await waitFor(firstButton, 'the first document in the sidebar');
    const sidebar = performance.now() - t0;
    button.click();
    await waitFor(() => {
      const editor = document.querySelector('[role="tabpanel"]:not([hidden]) .ProseMirror[contenteditable="true"]');
      return editor && editor.querySelectorAll(':scope > section.clause[data-number]').length === arg.clauses ? editor : null;
    }, `an editable document with ${arg.clauses} numbered clauses`);
    const editorDom = performance.now() - t0;
    const paintedAt = await new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
    return {
      reply: reply ? await reply : null,
      sidebar,
      editorDom,
      painted: paintedAt - t0,
      paintedEpoch: performance.timeOrigin + paintedAt,
      sidebarAlreadyShown,
    };
  })();
}

export async function openFirstDocument(page: Page, path: string | null, clauses: number): Promise<OpenTimes> {
  await installNameShim(page);
  return page.evaluate(openFirstDocumentInPage, { path, clauses, timeoutMs: 30_000 });
}

/** In the page: records keydown → next painted frame for every key while armed. */
function installKeyProbeInPage(): void {
  type Probe = { armed: boolean; samples: number[]; waiters: { n: number; resolve: () => void }[]; until(n: number): Promise<void> };
  const w = window as unknown as { __benchKeys?: Probe };
  if (w.__benchKeys) return;
  const probe: Probe = {
    armed: false,
    samples: [],
    waiters: [],
    until(n) {
      if (probe.samples.length >= n) return Promise.resolve();
      return new Promise((resolve) => probe.waiters.push({ n, resolve }));
    },
  };
  w.__benchKeys = probe;
  window.addEventListener(
    'keydown',
    () => {
      if (!probe.armed) return;
      const start = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          probe.samples.push(performance.now() - start);
          probe.waiters = probe.waiters.filter((waiter) => {
            if (probe.samples.length < waiter.n) return true;
            waiter.resolve();
            return false;
          });
        };
        channel.port2.postMessage(null);
      });
    },
    { capture: true },
  );
}

export async function installKeyProbe(page: Page): Promise<void> {
  await installNameShim(page);
  await page.evaluate(installKeyProbeInPage);
}

export async function armKeyProbe(page: Page, armed: boolean): Promise<void> {
  await page.evaluate((on) => {
    (window as unknown as { __benchKeys: { armed: boolean } }).__benchKeys.armed = on;
  }, armed);
}

/** Resolves once `n` samples have been recorded (rejects after `timeoutMs`). */
export async function untilSamples(page: Page, n: number, timeoutMs = 5_000): Promise<void> {
  await page.evaluate(
    ([count, ms]) =>
      Promise.race([
        (window as unknown as { __benchKeys: { until(n: number): Promise<void> } }).__benchKeys.until(count),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no paint sample for key ${count} after ${ms} ms`)), ms)),
      ]),
    [n, timeoutMs] as const,
  );
}

export async function keySamples(page: Page): Promise<number[]> {
  return page.evaluate(() => [...(window as unknown as { __benchKeys: { samples: number[] } }).__benchKeys.samples]);
}
