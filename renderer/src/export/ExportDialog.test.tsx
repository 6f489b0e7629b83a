// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChanceryError } from '../../../shared/errors';
import type { ExportProgress } from '../../../shared/export/export-model';
import type { ExportChoice, ExportOutcome } from '../../../shared/ipc/contract';
import type { RoundInfo } from '../../../shared/rounds/round-model';
import { button, choose, click, field, named, render, settle, stubDialogs } from '../workspace/roster/dialog-test-kit';
import { ExportDialog } from './ExportDialog';
import { choiceOf, DEFAULT_FORM, kibText, progressText } from './use-export';

const DOCS = [
  { id: 'doc-a', title: 'Framework Agreement' },
  { id: 'doc-b', title: 'Annex I' },
];
const BERLIN: RoundInfo = { id: 'r1', name: 'Berlin round', cutAt: '2025-03-12T14:05:00.000Z', cutBy: 'Ilse Varga', documents: 2, clauses: 30, percent: 40 };

function fakeApi(run: (choice: ExportChoice) => Promise<ExportOutcome | { canceled: true }>) {
  const listeners = new Map<string, (p: ExportProgress) => void>();
  return {
    exports: { run: vi.fn(run) },
    rounds: { list: vi.fn(async () => [BERLIN]) },
    on: (event: string, listener: (p: ExportProgress) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    push: (p: ExportProgress) => listeners.get('exports.progress')?.(p),
  };
}

async function open(api: ReturnType<typeof fakeApi>) {
  const view = await render(<ExportDialog documents={DOCS} onClose={() => {}} />, api);
  await settle();
  return { ...view, dialog: named(document, 'dialog', 'Export') };
}

const testId = <T extends HTMLElement = HTMLInputElement>(within: ParentNode, id: string) => within.querySelector<T>(`[data-testid="${id}"]`)!;

beforeAll(stubDialogs);
afterEach(() => {
  document.body.innerHTML = '';
});

describe('choiceOf', () => {
  it('never sends a clean redline, nor "agreed only" without clean', () => {
    expect(choiceOf({ ...DEFAULT_FORM, clean: true, agreedOnly: true, compareToRoundId: 'r1' })).toMatchObject({ clean: false, agreedOnly: false, compareToRoundId: 'r1' });
    expect(choiceOf({ ...DEFAULT_FORM, clean: false, agreedOnly: true })).toMatchObject({ clean: false, agreedOnly: false });
    expect(choiceOf({ ...DEFAULT_FORM, roundId: 'r1', compareToRoundId: 'r1' }).compareToRoundId).toBeNull();
    expect(choiceOf(DEFAULT_FORM)).toEqual({ format: 'docx', docId: null, clean: false, agreedOnly: false, roundId: null, compareToRoundId: null });
  });

  it('words progress and sizes as the dialog shows them', () => {
    expect(progressText({ stage: 'rendering', done: 2, total: 5 })).toBe('Laying out the text (2 of 5 documents)…');
    expect(progressText({ stage: 'printing', done: 0, total: 1 })).toBe('Printing to PDF…');
    expect(kibText(100)).toBe('1 KiB');
    expect(kibText(20_480)).toBe('20 KiB');
  });
});

describe('ExportDialog', () => {
  it('exports one document clean, agreed only, showing progress and then where it was saved', async () => {
    let finish!: (o: ExportOutcome) => void;
    const api = fakeApi(() => new Promise((resolve) => (finish = resolve)));
    const { dialog, unmount } = await open(api);
    const agreed = testId(dialog, 'export-agreed-only');
    expect(agreed.disabled).toBe(true);
    await click(testId(dialog, 'export-format-pdf'));
    await choose(field<HTMLSelectElement>(dialog, 'Scope'), 'doc-b');
    await click(testId(dialog, 'export-clean'));
    expect(agreed.disabled).toBe(false);
    await click(agreed);
    await click(testId(dialog, 'export-run'));
    expect(api.exports.run).toHaveBeenCalledWith({ format: 'pdf', docId: 'doc-b', clean: true, agreedOnly: true, roundId: null, compareToRoundId: null });
    expect(testId(dialog, 'export-progress')).not.toBeNull();
    await settle();
    api.push({ stage: 'printing', done: 0, total: 1 });
    await settle();
    expect(testId(dialog, 'export-stage').textContent).toBe('Printing to PDF…');
    finish({ path: '/tmp/out/Annex I.pdf', bytes: 40_960, format: 'pdf' });
    await settle();
    expect(testId(dialog, 'export-progress')).toBeNull();
    expect(testId(dialog, 'export-result').textContent).toBe('Saved to /tmp/out/Annex I.pdf (40 KiB)');
    await unmount();
  });

  it('a redline against a round has no clean variant', async () => {
    const api = fakeApi(async () => ({ canceled: true }));
    const { dialog, unmount } = await open(api);
    await click(testId(dialog, 'export-clean'));
    await choose(field<HTMLSelectElement>(dialog, 'Compare with round…'), 'r1');
    expect(testId(dialog, 'export-clean').disabled).toBe(true);
    expect(testId(dialog, 'export-marked-up').checked).toBe(true);
    await click(testId(dialog, 'export-run'));
    expect(api.exports.run).toHaveBeenCalledWith(expect.objectContaining({ clean: false, compareToRoundId: 'r1' }));
    // Cancelled: nothing to say.
    expect(testId(dialog, 'export-result')).toBeNull();
    expect(testId(dialog, 'export-error')).toBeNull();
    await unmount();
  });

  it('shows main’s message when the location cannot be written, never a stack', async () => {
    const api = fakeApi(async () => {
      throw new ChanceryError('EXPORT_UNWRITABLE', '/nope/x.docx cannot be written: the folder /nope does not exist. Choose another folder.');
    });
    const { dialog, unmount } = await open(api);
    await click(button(dialog, 'Export…'));
    const alert = testId(dialog, 'export-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('/nope/x.docx cannot be written: the folder /nope does not exist. Choose another folder.');
    expect(alert.textContent).not.toMatch(/\bat \w/u);
    await unmount();
  });
});
