import { describe, expect, it, vi } from 'vitest';
import { SECURE_WEB_PREFERENCES } from '../security/policy';
import { WindowManager } from './window-manager';

/** Just enough of Electron's BrowserWindow to see what the window manager asks of it. */
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class FakeWindow {
    static nextId = 1;
    static all: FakeWindow[] = [];
    readonly webContents = { id: FakeWindow.nextId++, send: () => {} };
    readonly listeners = new Map<string, Listener[]>();
    title: string;
    constructor(readonly options: { title: string; webPreferences: Record<string, unknown> }) {
      this.title = options.title;
      FakeWindow.all.push(this);
    }
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener): this {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
    setTitle(title: string): void {
      this.title = title;
    }
    isDestroyed(): boolean {
      return false;
    }
    show(): void {}
  }
  return { FakeWindow };
});

vi.mock('electron', () => ({ BrowserWindow: fake.FakeWindow, dialog: {}, app: {} }));

function lastWindow(): InstanceType<typeof fake.FakeWindow> {
  const win = fake.FakeWindow.all.at(-1);
  if (!win) throw new Error('no window was created');
  return win;
}

const workspace = { title: 'Peace framework' };

describe('WindowManager', () => {
  it('opens every window with exactly the secure preferences of the policy, plus the preload', () => {
    new WindowManager(() => {}).create();
    // toEqual, not toMatchObject: a key added in the window call but not in the policy fails too.
    expect(lastWindow().options.webPreferences).toEqual({
      ...SECURE_WEB_PREFERENCES,
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/u),
    });
  });

  it('names the negotiation in the title bar from the start, and the app on the welcome screen', () => {
    const windows = new WindowManager(() => {});
    windows.create(null, workspace);
    const win = lastWindow();
    expect(win.title).toBe('Peace framework — Chancery');

    windows.showWorkspaceTitle(win.webContents.id, null);
    expect(win.title).toBe('Chancery');
    windows.showWorkspaceTitle(win.webContents.id, { title: 'Berlin round' });
    expect(win.title).toBe('Berlin round — Chancery');

    windows.create();
    expect(lastWindow().title).toBe('Chancery');
  });

  it("keeps its title when the page's own <title> arrives", () => {
    new WindowManager(() => {}).create(null, workspace);
    const event = { defaultPrevented: false, preventDefault: vi.fn() };
    lastWindow().emit('page-title-updated', event, 'Chancery', true);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
