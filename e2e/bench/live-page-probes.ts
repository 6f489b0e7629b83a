/**
 * Row 6a/6b's code inside the measured pages (each function self-contained, for page.evaluate),
 * and the Node-side calls around it. One clock for two browsers: every time is epoch ms taken as
 * `performance.timeOrigin + performance.now()` in the page, and each page's offset from the bench
 * process's own epoch clock is measured (the round trip with the smallest delay bounds the error),
 * so a time stamped in A's page and one in B's page are compared on the bench's clock.
 *
 * - The typing page stamps every keydown (capture phase) while armed.
 * - The receiving page watches the first paragraph of one clause with a MutationObserver: each
 *   character that arrives there is timed in the task that changed the DOM, and "painted" the same
 *   way as every other row (requestAnimationFrame, then a MessageChannel message from inside it).
 *   Text inside widgets (the app draws other delegations' cursors with their names) is not counted.
 */
import type { Page } from 'playwright-core';
import { installNameShim } from './page-probes';

/** The app's editor in its visible tab; the bare page's editor. */
export const APP_EDITOR = '[role="tabpanel"]:not([hidden]) .ProseMirror[contenteditable="true"]';
export const BARE_EDITOR = '.ProseMirror';

function installSendProbeInPage(): void {
  const w = window as unknown as { __benchSent?: { armed: boolean; at: number[] } };
  if (w.__benchSent) return;
  const probe = { armed: false, at: [] as number[] };
  w.__benchSent = probe;
  window.addEventListener(
    'keydown',
    () => {
      if (probe.armed) probe.at.push(performance.timeOrigin + performance.now());
    },
    { capture: true },
  );
}

export async function installSendProbe(page: Page): Promise<void> {
  await installNameShim(page);
  await page.evaluate(installSendProbeInPage);
}

export async function armSendProbe(page: Page, armed: boolean): Promise<void> {
  await page.evaluate((on) => {
    (window as unknown as { __benchSent: { armed: boolean } }).__benchSent.armed = on;
  }, armed);
}

export async function sentTimes(page: Page): Promise<number[]> {
  return page.evaluate(() => [...(window as unknown as { __benchSent: { at: number[] } }).__benchSent.at]);
}

interface RemoteProbe {
  base: string;
  arrived: number[];
  painted: number[];
  text(): string | null;
  until(n: number): Promise<void>;
}

function installRemoteProbeInPage(arg: { editor: string; clause: number }): string {
  const w = window as unknown as { __benchRemote?: RemoteProbe };
  const editor = document.querySelector(arg.editor);
  if (!editor) throw new Error(`no editor ${arg.editor} to watch`);
  const text = (): string | null => {
    const paragraph = editor.querySelectorAll(':scope > section.clause')[arg.clause]?.querySelector('p');
    if (!paragraph) return null;
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    let out = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('.presence-cursor, [contenteditable="false"]')) out += (node as Text).data;
    }
    return out;
  };
  const base = text();
  if (base === null) throw new Error(`no clause ${arg.clause + 1} with a paragraph to watch`);
  const waiters: { n: number; resolve: () => void }[] = [];
  const probe: RemoteProbe = {
    base,
    arrived: [],
    painted: [],
    text,
    until(n) {
      if (probe.painted.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
  };
  w.__benchRemote = probe;
  new MutationObserver(() => {
    const now = performance.timeOrigin + performance.now();
    const current = text();
    if (current === null) return;
    const fresh = current.length - base.length - probe.arrived.length;
    if (fresh <= 0) return;
    for (let k = 0; k < fresh; k++) probe.arrived.push(now);
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const paintedAt = performance.timeOrigin + performance.now();
        for (let k = 0; k < fresh; k++) probe.painted.push(paintedAt);
        for (let i = waiters.length - 1; i >= 0; i--) {
          if (probe.painted.length >= waiters[i]!.n) waiters.splice(i, 1)[0]!.resolve();
        }
      };
      channel.port2.postMessage(null);
    });
  }).observe(editor, { subtree: true, childList: true, characterData: true });
  return document.visibilityState;
}

/** Starts watching clause `clause` of the editor `editor`; throws if the page is hidden (it would paint nothing). */
export async function installRemoteProbe(page: Page, editor: string, clause: number): Promise<void> {
  await installNameShim(page);
  const visibility = await page.evaluate(installRemoteProbeInPage, { editor, clause });
  if (visibility !== 'visible') throw new Error(`the receiving page is ${visibility}: it would not paint`);
}

/** Resolves once `n` arrived characters have painted (rejects after `timeoutMs`). */
export async function untilRemote(page: Page, n: number, timeoutMs = 10_000): Promise<void> {
  await page.evaluate(
    ([count, ms]) =>
      Promise.race([
        (window as unknown as { __benchRemote: RemoteProbe }).__benchRemote.until(count),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`character ${count} did not arrive within ${ms} ms`)), ms)),
      ]),
    [n, timeoutMs] as const,
  );
}

export async function remoteSamples(page: Page): Promise<{ base: string; text: string | null; arrived: number[]; painted: number[] }> {
  return page.evaluate(() => {
    const probe = (window as unknown as { __benchRemote: RemoteProbe }).__benchRemote;
    return { base: probe.base, text: probe.text(), arrived: [...probe.arrived], painted: [...probe.painted] };
  });
}

/** The page's epoch clock minus the bench's, from the round trip with the least delay of `rounds`. */
export async function clockOffset(page: Page, rounds = 15): Promise<{ offset: number; rtt: number }> {
  let best = { offset: NaN, rtt: Infinity };
  for (let k = 0; k < rounds; k++) {
    const before = performance.timeOrigin + performance.now();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = performance.timeOrigin + performance.now();
    if (after - before < best.rtt) best = { offset: inPage - (before + after) / 2, rtt: after - before };
  }
  return best;
}
