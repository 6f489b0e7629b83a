import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { RecentEntry } from '../../../shared/ipc/contract';

const RecentFile = z.object({
  version: z.literal(1),
  entries: z.array(z.object({ path: z.string(), title: z.string(), openedAt: z.string() })).max(50),
});

/** How many workspaces the welcome screen offers. */
export const MAX_RECENT = 10;

/**
 * The recent-workspaces list, a small JSON file in the user-data folder. It is a convenience:
 * an unreadable list is set aside (renamed, not deleted) and the app starts with an empty one.
 */
export class RecentWorkspaces {
  private entries: RecentEntry[];

  constructor(private readonly file: string) {
    this.entries = this.read();
  }

  list(): RecentEntry[] {
    return this.entries.filter((e) => existsSync(e.path));
  }

  isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /**
   * Puts `path` first. Saving the list can fail (a read-only or full disk) without consequence
   * beyond a shorter list next time, so a failure is logged, never thrown: it must not stop the
   * workspace from opening.
   */
  add(path: string, title: string): void {
    const entry: RecentEntry = { path, title, openedAt: new Date().toISOString() };
    this.entries = [entry, ...this.entries.filter((e) => e.path !== path)].slice(0, MAX_RECENT);
    try {
      this.write();
    } catch (err) {
      console.warn(`Chancery: the list of recent negotiations could not be saved (${String(err)}); it is kept for this session.`);
    }
  }

  private read(): RecentEntry[] {
    if (!existsSync(this.file)) return [];
    try {
      return RecentFile.parse(JSON.parse(readFileSync(this.file, 'utf8'))).entries;
    } catch (err) {
      const aside = `${this.file}.unreadable-${Date.now()}`;
      try {
        renameSync(this.file, aside);
        console.warn(`Recent workspaces list could not be read (${String(err)}); kept it as ${aside}.`);
      } catch (renameErr) {
        console.warn(`Recent workspaces list could not be read (${String(err)}) nor set aside (${String(renameErr)}).`);
      }
      return [];
    }
  }

  private write(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, entries: this.entries }, null, 2));
    renameSync(tmp, this.file);
  }
}
