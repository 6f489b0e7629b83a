import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportProgress } from '../../../shared/export/export-model';
import type { Canceled, ExportChoice, ExportOutcome } from '../../../shared/ipc/contract';
import { encodeMemberCard } from '../../../shared/positions/member-card';
import type { RoundInfo } from '../../../shared/rounds/round-model';
import { docxToText, docxXml } from '../../headless/export/office-readers';
import { C, newSigner, typingUpdate } from '../../headless/positions/positions-test-support';
import { startExportIpc, type ExportIpcFixture } from '../export/export-ipc-fixture';
import { pdfToText } from '../../headless/export/office-readers';

/**
 * The `exports` namespace as a window calls it: main asks where to save (a canceled dialog writes
 * nothing), runs the same export service as the command line, reports progress to the asking
 * window only, and refuses malformed choices before any dialog opens.
 */

const ipc = vi.hoisted(() => ({ handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => ipc.handlers.set(channel, fn),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
}));

/** What no export may ever contain: ALD's private note. */
const SECRET = 'Fallback: our capital would accept forty days';

let f: ExportIpcFixture;
let out: string;
beforeEach(() => {
  f = startExportIpc(ipc.handlers);
  out = join(f.dir, 'exports');
  mkdirSync(out);
});
afterEach(() => f.close());

const choice = (over: Partial<ExportChoice> = {}): ExportChoice => ({
  format: 'docx',
  docId: null,
  clean: false,
  agreedOnly: false,
  roundId: null,
  compareToRoundId: null,
  ...over,
});

const saveTo = (path: string) => {
  f.saveAnswer = async () => path;
};

/**
 * "Test talks", convened by this installation, which also heads ALD (and keeps a private note);
 * VEL's head disputes clause 2 of Alpha, both accept clause 1. Opened in windows 1 and 2.
 */
async function negotiation(): Promise<void> {
  const path = f.createWorkspace('Talks', true);
  await f.call(1, 'workspace:open', path);
  await f.call(2, 'workspace:open', path);
  await f.call(1, 'roster:admit', encodeMemberCard(f.identity.memberCard()), 'head', 'ALD');
  const session = f.registry.sessionFor(1);
  const vel = newSigner();
  session.positions.admit(f.identity.signer, { v: 1, key: vel.publicKey, name: 'Tomas Brenner' }, 'head', 'VEL');
  session.positions.setPosition(f.identity.signer, 'alpha', C.a1, 'ALD', { status: 'accepted' });
  session.positions.setPosition(vel, 'alpha', C.a1, 'VEL', { status: 'accepted' });
  session.positions.setPosition(vel, 'alpha', C.a2, 'VEL', { status: 'disputed', comment: 'Talks are not enough.' });
  await f.call(1, 'notes:add', 'alpha', C.a2, SECRET);
  f.events.length = 0;
}

const progressOf = (windowId: number) =>
  f.events.filter((e) => e.event === 'exports.progress' && e.windowId === windowId).map((e) => e.payload[0] as ExportProgress);

describe('exports over IPC', { timeout: 60_000 }, () => {
  it('writes the marked-up and the clean DOCX where the user chose, as LibreOffice reads them', async () => {
    await negotiation();
    saveTo(join(out, 'Marked up')); // the dialog's extension was left off
    const marked = await f.call<ExportOutcome>(1, 'exports:run', choice());
    expect(marked.path).toBe(join(out, 'Marked up.docx'));
    expect(marked).toMatchObject({ format: 'docx', bytes: statSync(marked.path).size });
    expect(progressOf(1).at(-1)).toMatchObject({ stage: 'done' });
    expect(progressOf(2)).toEqual([]);

    saveTo(join(out, 'Clean.docx'));
    const clean = await f.call<ExportOutcome>(1, 'exports:run', choice({ docId: 'alpha', clean: true }));
    expect(f.suggested).toEqual(['Test talks.docx', 'Test talks — Alpha — clean.docx']);

    const [markedText, cleanText] = await docxToText([marked.path, clean.path]);
    expect(markedText).toContain('Test talks');
    expect(markedText).toContain('[The Parties shall talk.]');
    expect(markedText).not.toContain('[The Parties shall cease fire.');
    expect(markedText).toContain('Sanctions shall be lifted.');
    expect(cleanText).toContain('The Parties shall talk.');
    expect(cleanText).not.toContain('[');
    expect(cleanText).not.toContain('Sanctions'); // only the Alpha document
    for (const text of [markedText, cleanText]) expect(text).not.toContain(SECRET);
    for (const file of [marked.path, clean.path]) expect(readFileSync(file).includes(Buffer.from(SECRET))).toBe(false);
  });

  it('writes nothing when the user cancels the save dialog', async () => {
    await negotiation();
    const reply = await f.call<Canceled>(1, 'exports:run', choice({ format: 'pdf' }));
    expect(reply).toEqual({ canceled: true });
    expect(readdirSync(out)).toEqual([]);
    expect(f.printed).toEqual([]);
    expect(progressOf(1)).toEqual([]);
  });

  it('says a location cannot be written, leaves nothing behind, and lets the window export again', async () => {
    await negotiation();
    const missing = join(out, 'no such folder', 'Talks.docx');
    saveTo(missing);
    const refused = f.call(1, 'exports:run', choice());
    await expect(refused).rejects.toMatchObject({ code: 'EXPORT_UNWRITABLE' });
    await expect(refused).rejects.toThrow(missing);
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(out)).toEqual([]);
    saveTo(join(out, 'Talks.md'));
    await expect(f.call<ExportOutcome>(1, 'exports:run', choice({ format: 'md' }))).resolves.toMatchObject({ path: join(out, 'Talks.md') });
  });

  it('prints the PDF from the HTML export', async () => {
    await negotiation();
    saveTo(join(out, 'Talks.pdf'));
    const pdf = await f.call<ExportOutcome>(1, 'exports:run', choice({ format: 'pdf' }));
    const text = pdfToText(pdf.path);
    expect(text).toContain('Test talks');
    expect(text).toMatch(/Page 1 of \d+/u);
    expect(text).not.toContain(SECRET);
    expect(f.printed).toHaveLength(1);
    expect(f.printed[0]).toMatch(/^<!DOCTYPE html>/iu);
    expect(f.printed[0]).toContain('Test talks');
    expect(f.printed[0]).not.toContain(SECRET);
    expect(progressOf(1).map((p) => p.stage)).toContain('printing');
  });

  it('exports a redline from a round in Word revision marks', async () => {
    await negotiation();
    const berlin = await f.call<RoundInfo>(1, 'rounds:cut', 'Berlin round');
    const session = f.registry.sessionFor(1);
    await f.call(1, 'sync:openDoc', 'alpha');
    await f.call(1, 'sync:pushUpdate', 'alpha', typingUpdate(session, 'alpha', C.a1, ' Immediately.'));

    await expect(f.call(1, 'exports:run', choice({ compareToRoundId: berlin.id, clean: true }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(f.suggested).toEqual([]); // refused before any dialog

    saveTo(join(out, 'Redline.docx'));
    const redline = await f.call<ExportOutcome>(1, 'exports:run', choice({ compareToRoundId: berlin.id }));
    expect(f.suggested).toEqual(['Test talks — changes since Berlin round.docx']);
    const xml = docxXml(redline.path);
    const inserted = [...xml.matchAll(/<w:ins\b[^>]*>([\s\S]*?)<\/w:ins>/gu)].map((m) => m[1]!.replace(/<[^>]+>/gu, '')).join('|');
    expect(inserted).toContain('Immediately.');
    expect(xml).toMatch(/<w:ins\b[^>]*w:author="Ilse Varga"/u);
    expect(xml).not.toMatch(/<w:del\b/u);
  });

  it('runs one export at a time per window', async () => {
    await negotiation();
    let release!: (answer: string | Canceled) => void;
    f.saveAnswer = () => new Promise((resolve) => (release = resolve));
    const first = f.call<ExportOutcome>(1, 'exports:run', choice({ format: 'html' }));
    await vi.waitFor(() => expect(f.suggested).toHaveLength(1));
    const second = f.call(1, 'exports:run', choice({ format: 'md' }));
    await expect(second).rejects.toMatchObject({ code: 'EXPORT_BUSY' });
    await expect(second).rejects.toThrow(/already running in this window/u);
    f.saveAnswer = async () => ({ canceled: true });
    await expect(f.call(2, 'exports:run', choice({ format: 'md' }))).resolves.toEqual({ canceled: true }); // another window is free
    release(join(out, 'Talks.html'));
    await expect(first).resolves.toMatchObject({ format: 'html', path: join(out, 'Talks.html') });
    expect(readdirSync(out)).toEqual(['Talks.html']);
  });

  it('refuses malformed choices and windows that are not Chancery’s, before any dialog opens', async () => {
    await negotiation();
    const bad: unknown[][] = [
      [],
      [choice({ format: 'rtf' as never })],
      [{ ...choice(), out: '/etc/passwd' }],
      [{ format: 'docx' }],
      [choice({ docId: '../alpha' })],
      [choice({ roundId: 'Berlin round' })],
      [choice({ compareToRoundId: '' })],
      [choice({ clean: 'yes' as never })],
      [choice(), 'extra'],
    ];
    for (const args of bad) {
      await expect(f.call(1, 'exports:run', ...args), JSON.stringify(args)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    await expect(f.call(-1, 'exports:run', choice())).rejects.toMatchObject({ code: 'UNTRUSTED_SENDER' });
    expect(f.suggested).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });
});
