import * as Y from 'yjs';
import { z } from 'zod';
import type { ChanceryOrigin } from '../../../../shared/sync/origins';

/**
 * Which Yjs client ids are "this machine": every replica a window of this installation opened
 * (each gets a fresh id) and main's own docs (its commands, the id repair, restored text). Text
 * written under one of these ids was typed here, so when another copy's update takes it away
 * unseen it is this machine's loss to keep (see loss-detector.ts).
 *
 * Remembered in the workspace file's local settings (never synced: another copy's ids are its
 * own business), so a file reopened days later still knows what it typed. Bounded: the oldest ids
 * are forgotten first, long after their text has reached everyone.
 */

/** Local setting holding the ids (JSON array of numbers, oldest first). */
export const LOCAL_CLIENTS_SETTING = 'lost-text.local-clients';

/** How many ids are remembered: a window's replica per opened document adds one. */
export const MAX_LOCAL_CLIENTS = 2000;

const Stored = z.array(z.number().int().nonnegative()).max(MAX_LOCAL_CLIENTS * 2);

/** The part of the store the set needs (tests pass a map). */
export interface SettingStore {
  readonly readOnly: boolean;
  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;
}

export class LocalClients {
  /** Least recently used first: noting a known id again moves it to the end (in memory). */
  private readonly ids = new Set<number>();

  constructor(private readonly store: SettingStore) {
    const raw = store.getSetting(LOCAL_CLIENTS_SETTING);
    if (raw === undefined) return;
    try {
      const parsed = Stored.safeParse(JSON.parse(raw));
      if (parsed.success) for (const id of parsed.data.slice(-MAX_LOCAL_CLIENTS)) this.ids.add(id);
    } catch {
      // An unreadable list only means older text is no longer recognised as typed here; start afresh.
    }
  }

  has(client: number): boolean {
    return this.ids.has(client);
  }

  /** The ids, oldest first (for tests and diagnostics). */
  list(): number[] {
    return [...this.ids];
  }

  /** Records `clients` as this machine's; written to the file only when one is new. */
  note(clients: Iterable<number>): void {
    let added = false;
    for (const client of clients) {
      if (this.ids.delete(client)) {
        this.ids.add(client);
        continue;
      }
      this.ids.add(client);
      added = true;
    }
    if (!added) return;
    while (this.ids.size > MAX_LOCAL_CLIENTS) this.ids.delete(this.ids.values().next().value!);
    if (!this.store.readOnly) this.store.setSetting(LOCAL_CLIENTS_SETTING, JSON.stringify([...this.ids]));
  }

  /**
   * Hears every durable change of the session (`session.subscribe`): the clients whose text an
   * update from a window or from main itself adds are this machine's. Updates from other copies
   * (peer) and replays of the file (load) add nobody.
   */
  onUpdate(update: Uint8Array, origin: ChanceryOrigin): void {
    if (origin.kind !== 'renderer' && origin.kind !== 'command' && origin.kind !== 'clause-ids') return;
    const { from, to } = Y.parseUpdateMeta(update);
    const added: number[] = [];
    for (const [client, clock] of to) if (clock > (from.get(client) ?? 0)) added.push(client);
    this.note(added);
  }
}
