import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChanceryError } from '../../../shared/errors';
import type { Canceled, IpcResult } from '../../../shared/ipc/contract';
import type { EventName } from '../../../shared/ipc/derived';
import { cliPdfPrinter, type PdfPrinter } from '../../headless/export/pdf-printer';
import { MemberIdentity } from '../../headless/identity/member-identity';
import { newSigner, smallSeed } from '../../headless/positions/positions-test-support';
import { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import { WorkspaceSession } from '../../headless/workspace/workspace-session';
import { IdentitySource } from '../identity/identity-source';
import { createHandlers, type Dialogs } from '../ipc/handlers';
import { registerIpc } from '../ipc/register-ipc';
import { CANCELED_LIVE_DIALOGS, testLive } from '../live/live-test-support';
import { WorkspaceNotes } from '../notes/workspace-notes';
import { WorkspacePositions } from '../positions/workspace-positions';
import { RecentWorkspaces } from '../workspace/recent-workspaces';
import { WorkspaceExports } from './workspace-exports';
import { WorkspaceRounds } from './workspace-rounds';

/**
 * Test support for exports-ipc.test.ts and rounds-ipc.test.ts (not used by the app): the whole
 * handler table registered on the test's mocked `ipcMain`, windows calling it by id (a negative
 * id is a sender that is not a Chancery window), every event recorded, and the export save
 * dialog under the test's control and the PDF printer's input recorded. The test file mocks `electron` itself.
 */

/** The mocked ipcMain's table: channel → handler. */
export type IpcTable = Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;

/** One event main sent, to which window. */
export interface SentEvent {
  windowId: number;
  event: EventName;
  payload: unknown[];
}

export interface ExportIpcFixture {
  dir: string;
  registry: WorkspaceRegistry;
  identity: MemberIdentity;
  events: SentEvent[];
  /** What the export save dialog answers next (per call: a function of the suggested name). */
  saveAnswer: (suggestedName: string) => Promise<string | Canceled>;
  /** The suggested names the save dialog was opened with. */
  suggested: string[];
  /** The HTML documents given to the PDF printer. */
  printed: string[];
  /** What the import dialog answers (a colleague's file to merge). */
  importAnswer: string | Canceled;
  call<T>(windowId: number, channel: string, ...args: unknown[]): Promise<T>;
  /** A workspace file in `dir` from the small test seed, convened by this identity or by someone else. */
  createWorkspace(name: string, convenedByMe: boolean): string;
  close(): void;
}

const noKeychain = { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' };

export function startExportIpc(table: IpcTable): ExportIpcFixture {
  const dir = mkdtempSync(join(tmpdir(), 'chancery-export-ipc-'));
  const identity = MemberIdentity.loadOrCreate({ path: join(dir, 'identity.json'), safeStorage: noKeychain, defaultName: 'Ilse Varga' });
  const source = new IdentitySource(() => identity);
  const registry = new WorkspaceRegistry({ docUpdate: () => {} });
  const events: SentEvent[] = [];
  const send = (windowId: number, event: EventName, ...payload: unknown[]) => events.push({ windowId, event, payload });
  // The real printer of the command line (Chromium on this machine): the app's own printToPDF
  // needs Electron's binary, and is exercised through the harness in e2e/export.e2e.ts.
  const chromium = cliPdfPrinter();
  const printPdf: PdfPrinter = async (html) => {
    fixture.printed.push(html);
    return chromium(html);
  };
  const dialogs: Dialogs = {
    askNewWorkspacePath: async () => ({ canceled: true }),
    askOpenWorkspacePath: async () => ({ canceled: true }),
    askSaveCardPath: async () => ({ canceled: true }),
    askOpenCardPath: async () => ({ canceled: true }),
    ...CANCELED_LIVE_DIALOGS,
    askImportWorkspacePath: async () => fixture.importAnswer,
    askSaveExportPath: (_windowId, suggestedName) => {
      fixture.suggested.push(suggestedName);
      return fixture.saveAnswer(suggestedName);
    },
  };
  const handlers = createHandlers({
    registry,
    recent: new RecentWorkspaces(join(dir, 'recent.json')),
    identity: source,
    positions: new WorkspacePositions({ registry, identity: source, send }),
    notes: new WorkspaceNotes({ registry, identity: source, send }),
    live: testLive(registry, source, join(dir, 'relay')),
    exports: new WorkspaceExports({ identity: source, send, printPdf, now: () => new Date('2025-05-06T07:08:09.000Z') }),
    rounds: new WorkspaceRounds({ registry, identity: source, send }),
    dialogs,
    workspaceChanged: () => {},
    startupError: () => null,
  });
  const unregister = registerIpc(handlers, (event) => {
    const { windowId } = event as unknown as { windowId: number };
    if (windowId < 0) throw new ChanceryError('UNTRUSTED_SENDER', 'IPC refused: not a Chancery window.');
    return windowId;
  });
  const fixture: ExportIpcFixture = {
    dir,
    registry,
    identity,
    events,
    saveAnswer: async () => ({ canceled: true }),
    suggested: [],
    printed: [],
    importAnswer: { canceled: true },
    async call<T>(windowId: number, channel: string, ...args: unknown[]): Promise<T> {
      const handler = table.get(channel);
      if (!handler) throw new Error(`no handler on ${channel}`);
      const reply = (await handler({ windowId }, ...args)) as IpcResult<T>;
      if (!reply.ok) throw new ChanceryError(reply.error.code, reply.error.message);
      return reply.value;
    },
    createWorkspace(name, convenedByMe) {
      const path = join(dir, `${name}.chancery`);
      WorkspaceSession.create(path, smallSeed(convenedByMe ? identity.signer : newSigner())).close();
      return path;
    },
    close() {
      unregister();
      registry.closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}
