import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ChanceryError } from '../../../../shared/errors';
import type { LostText } from '../../../../shared/live/lost-text';
import type { SettingStore } from './local-clients';
import type { ItemRef } from './loss-detector';

/**
 * The text this machine typed that another copy's update took away unseen (see loss-detector.ts),
 * per workspace, until the user restores or dismisses it. Kept in the workspace file's local
 * settings: never synced (it is this machine's text, and the other side deleted it), and still
 * there when the file is reopened or the app crashed right after the update arrived.
 *
 * Bounded, so one bad merge cannot grow the settings without end: at most {@link MAX_KEPT} entries
 * and about {@link MAX_LEDGER_CHARS} characters of JSON; the oldest entries go first, and how many
 * went is counted ({@link LostTextLedger.dropped}). A single text longer than
 * {@link MAX_TEXT_CHARS} is kept cut, saying how much is missing.
 */

/** Local setting holding the ledger (JSON of {@link StoredLedger}). */
export const LEDGER_SETTING = 'lost-text.ledger';
/** Where an unreadable ledger is moved, so it is never overwritten unseen. */
export const UNREADABLE_LEDGER_SETTING = 'lost-text.ledger.unreadable';
export const MAX_KEPT = 200;
export const MAX_LEDGER_CHARS = 4_000_000;
export const MAX_TEXT_CHARS = 1_000_000;

/** A ledger entry: what the user sees, and where to put it back. */
export interface KeptText extends LostText {
  /** The Yjs item of the top-level block the text was in. */
  block: ItemRef | null;
  /** The nearest clause before it that survived the deletion (used if the block cannot be found). */
  afterClauseId: string | null;
}

/** What a detection adds: the ledger gives the id and the time. */
export type NewKeptText = Omit<KeptText, 'id' | 'at'>;

const ItemRefSchema = z.strictObject({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() });
const KeptSchema = z.strictObject({
  id: z.string().min(1).max(100),
  docId: z.string().min(1).max(200),
  clauseId: z.string().max(100).nullable(),
  place: z.string().max(500),
  text: z.string().max(MAX_TEXT_CHARS + 200),
  by: z.string().max(200),
  at: z.string().max(40),
  block: ItemRefSchema.nullable(),
  afterClauseId: z.string().max(100).nullable(),
});
const LedgerSchema = z.strictObject({ v: z.literal(1), entries: z.array(KeptSchema).max(MAX_KEPT), dropped: z.number().int().nonnegative() });
type StoredLedger = z.infer<typeof LedgerSchema>;

function cut(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  return `${text.slice(0, MAX_TEXT_CHARS)}\n[… ${text.length - MAX_TEXT_CHARS} more characters were too many to keep]`;
}

/** Only what the user sees (the restore anchors stay in main). */
export function publicView({ id, docId, clauseId, place, text, by, at }: KeptText): LostText {
  return { id, docId, clauseId, place, text, by, at };
}

export class LostTextLedger {
  private entries: KeptText[] = [];
  private droppedCount = 0;
  private readonly listeners = new Set<(losses: LostText[]) => void>();

  constructor(private readonly store: SettingStore) {
    const raw = store.getSetting(LEDGER_SETTING);
    if (raw === undefined) return;
    let parsed: StoredLedger | null = null;
    try {
      const result = LedgerSchema.safeParse(JSON.parse(raw));
      if (result.success) parsed = result.data;
    } catch {
      parsed = null;
    }
    if (parsed) {
      this.entries = parsed.entries;
      this.droppedCount = parsed.dropped;
    } else if (!store.readOnly) {
      // Never lose kept text to a parse error: set it aside where it can still be read.
      store.setSetting(UNREADABLE_LEDGER_SETTING, raw);
    }
  }

  /** Every entry, oldest first, as the user sees it. */
  list(): LostText[] {
    return this.entries.map(publicView);
  }

  /** How many entries were dropped to stay within the bounds, ever. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** The entry; LOST_TEXT_NOT_FOUND when it was restored or dismissed meanwhile (another window). */
  get(id: string): KeptText {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) {
      throw new ChanceryError('LOST_TEXT_NOT_FOUND', `No kept text with id "${id}": it was restored or dismissed already.`);
    }
    return entry;
  }

  /**
   * Adds entries (kept in memory even if saving fails, and saved with the next change) and tells
   * the listeners. Returns the entries as stored.
   */
  add(found: readonly NewKeptText[], at = new Date()): KeptText[] {
    if (found.length === 0) return [];
    const added = found.map((f) => ({ ...f, text: cut(f.text), id: randomUUID(), at: at.toISOString() }));
    this.entries.push(...added);
    this.trim();
    this.changed();
    return added;
  }

  /** Forgets an entry (restored or dismissed); LOST_TEXT_NOT_FOUND if there is none. */
  remove(id: string): void {
    this.get(id);
    this.entries = this.entries.filter((e) => e.id !== id);
    this.changed();
  }

  onChange(listener: (losses: LostText[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private trim(): void {
    const size = () => JSON.stringify(this.entries).length;
    while (this.entries.length > MAX_KEPT || (this.entries.length > 1 && size() > MAX_LEDGER_CHARS)) {
      this.entries.shift();
      this.droppedCount += 1;
    }
  }

  private changed(): void {
    const losses = this.list();
    try {
      if (!this.store.readOnly) {
        const stored: StoredLedger = { v: 1, entries: this.entries, dropped: this.droppedCount };
        this.store.setSetting(LEDGER_SETTING, JSON.stringify(stored));
      }
    } finally {
      for (const listener of this.listeners) listener(losses);
    }
  }
}
