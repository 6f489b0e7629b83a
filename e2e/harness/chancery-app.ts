/**
 * What a spec (or the bench) holds of a running Chancery, whichever way it was started, and the
 * small helpers both launchers share.
 */
import type { Readable } from 'node:stream';
import type { Page } from '@playwright/test';

/** Which way the app runs: real Electron, or the Chromium harness. */
export type AppMode = 'electron' | 'harness';

/** A running Chancery, the same in both modes. */
export interface ChanceryApp {
  mode: AppMode;
  /** The first window's page, after its DOMContentLoaded on the app's document. */
  firstWindow(): Promise<Page>;
  /**
   * The next window main opens after the first (a second instance, a file association): the
   * first call gives the app's second window, the next call its third, and so on, in the order
   * main created them — including windows opened before the call. Resolves after the window's
   * DOMContentLoaded on the app's document; rejects if none appears within the start timeout.
   */
  nextWindow(): Promise<Page>;
  /** Runs `fn(electron, arg)` in the main process (harness: the double's module object). */
  evaluateMain<R, A>(fn: (electron: typeof import('electron'), arg: A) => R | Promise<R>, arg: A): Promise<R>;
  mainPid(): number;
  /** Graceful: app.quit(), then wait for the process to exit. */
  close(): Promise<void>;
  /** SIGKILL main (and in harness mode the browser too), like a crash. */
  kill(): Promise<void>;
}

/** How a spec launches the app. */
export interface LaunchOptions {
  /** Extra command-line arguments after the main script (e.g. a workspace path). */
  args?: string[];
  /** Defaults to the test's own userDataDir. */
  userDataDir?: string;
  /** Leave the user-data folder uncreated, as on a machine where Chancery never ran. */
  firstRun?: boolean;
}

export const START_TIMEOUT_MS = 45_000;
export const CLOSE_TIMEOUT_MS = 20_000;

/** What every launched app keeps for diagnostics and teardown. */
export interface ManagedApp extends ChanceryApp {
  readonly exited: boolean;
  windows(): Page[];
  log(): string;
}

export function collect(stream: Readable | null | undefined, into: string[], prefix: string): void {
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    into.push(chunk);
    if (process.env.CHANCERY_E2E_DEBUG) process.stderr.write(`${prefix}${chunk}`);
  });
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} (after ${ms} ms)`)), ms);
    }),
  ]);
}

