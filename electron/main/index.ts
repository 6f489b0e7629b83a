import { app, protocol, safeStorage, session } from 'electron';
import { serializeError } from '../../shared/errors';
import { configureUserData, ensureUserDataFolder, rendererRoot, userDataPath } from './app-paths';
import { appPdfPrinter } from './export/app-pdf-printer';
import { WorkspaceExports } from './export/workspace-exports';
import { WorkspaceRounds } from './export/workspace-rounds';
import { IdentitySource } from './identity/identity-source';
import { MemberIdentity } from '../headless/identity/member-identity';
import { createHandlers } from './ipc/handlers';
import { registerIpc } from './ipc/register-ipc';
import { makeSenderCheck } from './ipc/sender-check';
import { WorkspaceLive } from './live/workspace-live';
import { WorkspaceNotes } from './notes/workspace-notes';
import { WorkspaceLosses } from './losses/workspace-losses';
import { WorkspacePositions } from './positions/workspace-positions';
import { APP_SCHEME, allowPermission } from './security/policy';
import { APP_SCHEME_PRIVILEGES, serveAppRequest } from './protocol/app-protocol';
import { chooseStartupWorkspace, workspaceArg } from './startup';
import { hardenWebContents } from './windows/harden-web-contents';
import { WindowManager } from './windows/window-manager';
import { RecentWorkspaces } from './workspace/recent-workspaces';
import { SAMPLE_FILE_NAME } from '../headless/workspace/sample';
import { WorkspaceRegistry } from '../headless/workspace/workspace-registry';

configureUserData();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const windows = new WindowManager((windowId) => registry.detachWindow(windowId));
const registry = new WorkspaceRegistry({
  docUpdate: (windowId, docId, update) => windows.send(windowId, 'sync.docUpdate', docId, update),
  sessionClosing: (closing) => live.sessionClosing(closing),
});
/** This installation's member key, loaded once the app is ready (safeStorage needs that). */
const identity = new IdentitySource(() =>
  MemberIdentity.loadOrCreate({ path: userDataPath('identity.json'), safeStorage }),
);
const positions = new WorkspacePositions({ registry, identity, send: (id, event, ...payload) => windows.send(id, event, ...payload) });
/** Text typed here that another copy deleted unseen: each workspace's list, forwarded to its windows. */
const losses = new WorkspaceLosses({ registry, send: (id, event, ...payload) => windows.send(id, event, ...payload) });
const notes = new WorkspaceNotes({ registry, identity, send: (id, event, ...payload) => windows.send(id, event, ...payload) });
/** Exports per window (PDF printed in a hidden window of this app) and each workspace's named rounds. */
const exports = new WorkspaceExports({ identity, send: (id, event, ...payload) => windows.send(id, event, ...payload), printPdf: appPdfPrinter() });
const rounds = new WorkspaceRounds({ registry, identity, send: (id, event, ...payload) => windows.send(id, event, ...payload) });
/** Live co-editing: each open workspace's relay connection, presence, and the relay hosted here. */
const live = new WorkspaceLive({
  registry,
  identity: () => {
    const me = identity.get();
    return { signer: me.signer, name: me.name };
  },
  send: (id, event, ...payload) => windows.send(id, event, ...payload),
  relayDataDir: () => userDataPath('relay'),
});
/** How long quitting waits for the hosted relay to store everything and close. */
const LIVE_SHUTDOWN_MS = 5000;
let liveShutDown = false;
/** The identity's problem is told once, in the first window, not in every window opened later. */
let identityProblemShown = false;
let recent: RecentWorkspaces;
let ready = false;
/** Files handed over by the OS (macOS file association) before the app was ready. */
const pendingOpenFiles: string[] = [];

/** What a launcher may pass as the app itself: the main script, its folder, the app path. */
function appEntries(): string[] {
  return [__filename, __dirname, app.getAppPath(), '.'];
}

/** Opens a window on `argPath` (or the startup choice) — used at launch and for a second instance. */
function openWindow(argPath: string | undefined): void {
  const choice = chooseStartupWorkspace({
    argPath,
    registry,
    recent,
    samplePath: userDataPath(SAMPLE_FILE_NAME),
    convener: () => {
      try {
        const me = identity.get();
        return { signer: me.signer, name: me.name };
      } catch {
        return null; // the identity's own error is shown below
      }
    },
  });
  const info = 'session' in choice ? choice.session.info() : null;
  let problem = 'error' in choice ? choice.error : null;
  if ('session' in choice) {
    try {
      positions.prepare(choice.session);
    } catch (err) {
      // Convening failed (the file could not be written): the workspace still opens, and says why.
      problem = serializeError(err);
    }
  }
  if (!problem && !identityProblemShown) {
    problem = identity.problem();
    identityProblemShown = problem !== null;
  }
  const win = windows.create(problem, info);
  if ('session' in choice && info) {
    registry.attachWindow(win.webContents.id, choice.session);
    losses.prepare(choice.session);
    live.prepare(choice.session);
    recent.add(info.path, info.title);
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => openWindow(workspaceArg(argv, appEntries())));
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (ready) openWindow(path);
    else pendingOpenFiles.push(path);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  // Not on before-quit: windows may still be flushing edits then (their close guard can even
  // cancel the quit). Each window's 'closed' already releases its workspace; this is the backstop.
  app.on('will-quit', (event) => {
    registry.closeAll();
    if (liveShutDown || !live.busy) return;
    // The relay hosted here stores everything before the process ends; then quit for real.
    event.preventDefault();
    liveShutDown = true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, LIVE_SHUTDOWN_MS).unref());
    void Promise.race([live.shutdown(), timeout])
      .catch((err: unknown) => console.error('Chancery: stopping live co-editing failed', err))
      .finally(() => app.quit());
  });

  void app.whenReady().then(() => {
    try {
      ensureUserDataFolder();
    } catch (err) {
      // Then creating the sample fails too, and the welcome screen says why.
      console.error(err instanceof Error ? err.message : err);
    }
    recent = new RecentWorkspaces(userDataPath('recent-workspaces.json'));
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(allowPermission(permission)));
    session.defaultSession.setPermissionCheckHandler((_wc, permission) => allowPermission(permission));
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererRoot(), request));
    const handlers = createHandlers({
      registry,
      recent,
      identity,
      positions,
      notes,
      live,
      exports,
      rounds,
      dialogs: windows,
      workspaceChanged: (id, info) => {
        const shown = registry.maybeSessionFor(id);
        if (shown) losses.prepare(shown);
        windows.send(id, 'workspace.changed', info);
        windows.showWorkspaceTitle(id, info);
      },
      startupError: (id) => windows.startupError(id),
    });
    registerIpc(handlers, makeSenderCheck((webContentsId) => windows.idOf(webContentsId)));
    ready = true;
    const files = pendingOpenFiles.length ? pendingOpenFiles.splice(0) : [workspaceArg(process.argv, appEntries())];
    for (const file of files) openWindow(file);
  });
}
