/**
 * A test double of the `electron` module for the Chromium harness: exactly the surface Chancery's
 * main process uses (see README.md). register.cjs maps `require('electron')` here.
 */
import { app } from './app-double';
import { listenForFixture } from './control';
import { dialog } from './dialog-double';
import { ipcMain } from './ipc-main-double';
import { protocol } from './protocol-double';
import { safeStorage } from './safe-storage-double';
import { session } from './session-double';
import { BrowserWindowDouble as BrowserWindow } from './window-double';

// Electron reports these and keeps the main process running; so does the double.
process.on('uncaughtException', (err) => {
  console.error('A JavaScript error occurred in the main process:', err);
});
process.on('unhandledRejection', (reason) => {
  console.error('Unhandled promise rejection in the main process:', reason);
});

const electron = { app, BrowserWindow, ipcMain, dialog, protocol, safeStorage, session };
listenForFixture(electron);

export { app, BrowserWindow, ipcMain, dialog, protocol, safeStorage, session };
export default electron;
