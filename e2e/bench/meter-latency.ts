/**
 * Keystroke → agreement meter: in the app (harness), on the 30k-word document whose 400 clauses
 * carry four parties' signed positions, one key is typed at the end of a clause every party has
 * accepted. That keystroke changes the clause's text, so its acceptances become stale: main
 * re-hashes the clause, re-resolves it and sends the new clause state and figures, and the window
 * shows the clause no longer agreed and the package meter one clause lower. Timed in the page from
 * keydown (capture phase) to the painted frame in which the meter's value has changed and the
 * clause's `data-state` is no longer `agreed`; beside it, for the same keystroke, keydown → the
 * frame that painted the typed character (the editor's own keystroke → paint).
 *
 * Each sample uses a fresh agreed clause (a clause already stale does not move the meter again),
 * spread over the document; between samples the page is left to settle.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchApp } from './harness-app';
import { placeCaret } from './keystroke-latency';
import { installNameShim, openFirstDocument } from './page-probes';

export interface MeterLatency {
  /** keydown → painted frame showing the new meter value and clause state, ms. */
  meter: number[];
  /** keydown → painted frame after the character was inserted, ms (same keys). */
  paint: number[];
  clauses: number;
  agreedAtStart: number;
}

/** In the page: arms a one-shot probe for the next keydown; its result lands on window.__meterProbe. */
function armMeterProbeInPage(arg: { clauseIndex: number; timeoutMs: number; meter: Element }): void {
  type Result = { meter: number; paint: number } | { error: string };
  const w = window as unknown as { __meterProbe?: Promise<Result> };
  const editor = document.querySelector<HTMLElement>('.ProseMirror[contenteditable="true"]');
  const clause = editor?.querySelectorAll(':scope > section.clause')[arg.clauseIndex];
  const meter = arg.meter;
  if (!clause || !meter) {
    w.__meterProbe = Promise.resolve({ error: `no ${clause ? 'package meter' : `clause ${arg.clauseIndex}`} to watch` });
    return;
  }
  const before = meter.getAttribute('aria-valuenow');
  const painted = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
  w.__meterProbe = new Promise<Result>((resolve) => {
    const timer = setTimeout(() => resolve({ error: `the meter stayed at ${before} for ${arg.timeoutMs} ms after the key` }), arg.timeoutMs);
    window.addEventListener(
      'keydown',
      () => {
        const start = performance.now();
        const paint = painted().then((t) => t - start);
        const done = () => meter.getAttribute('aria-valuenow') !== before && clause.getAttribute('data-state') !== 'agreed';
        const finish = () => {
          observer.disconnect();
          clearTimeout(timer);
          void Promise.all([paint, painted()]).then(([p, t]) => resolve({ meter: t - start, paint: p }));
        };
        const observer = new MutationObserver(() => {
          if (done()) finish();
        });
        observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-valuenow', 'data-state'] });
        if (done()) finish();
      },
      { capture: true, once: true },
    );
  });
}

/** The indexes of the document's top-level clauses that are agreed by all now. */
async function agreedClauses(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const editor = document.querySelector('.ProseMirror[contenteditable="true"]');
    const clauses = Array.from(editor?.querySelectorAll(':scope > section.clause') ?? []);
    return clauses.flatMap((c, i) => (c.getAttribute('data-state') === 'agreed' ? [i] : []));
  });
}

export async function measureMeterLatency(workDir: string, target: { path: string; clauses: number }, opts: { samples: number }): Promise<MeterLatency> {
  const app = await launchApp({ userDataDir: mkdtempSync(join(workDir, 'user-data-')), args: [target.path] });
  try {
    const page = app.page;
    await openFirstDocument(page, null, target.clauses);
    await installNameShim(page);
    const meterLocator = page.getByRole('meter', { name: 'Package agreement', exact: true });
    await meterLocator.waitFor({ timeout: 30_000 });
    await page.locator('.ProseMirror section.clause[data-state="agreed"]').first().waitFor({ state: 'attached', timeout: 30_000 });
    const agreed = await agreedClauses(page);
    if (agreed.length < opts.samples) throw new Error(`only ${agreed.length} agreed clauses for ${opts.samples} samples`);
    const step = agreed.length / opts.samples;
    const out: MeterLatency = { meter: [], paint: [], clauses: target.clauses, agreedAtStart: agreed.length };
    for (let k = 0; k < opts.samples; k++) {
      const index = agreed[Math.floor(k * step)]!;
      await placeCaret(page, index);
      const meter = (await meterLocator.elementHandle())!;
      await page.evaluate(armMeterProbeInPage, { clauseIndex: index, timeoutMs: 10_000, meter });
      await meter.dispose();
      await page.keyboard.press('x');
      const result = await page.evaluate(() => (window as unknown as { __meterProbe: Promise<{ meter: number; paint: number } | { error: string }> }).__meterProbe);
      if ('error' in result) throw new Error(`clause ${index + 1}: ${result.error}`);
      out.meter.push(result.meter);
      out.paint.push(result.paint);
      await page.waitForTimeout(100);
    }
    await page.locator('[role="status"][data-state="saved"]').waitFor({ timeout: 30_000 });
    return out;
  } finally {
    await app.close().catch(async () => app.kill());
  }
}
