import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { mayChangeTopLevel } from '../top-level-change';
import { ClauseStamp, StampSchedule } from '../positions/clause-dom-stamp';

/**
 * The marker on clauses that have private notes of the user's delegation (e2e/UI-CONTRACT.md,
 * "Private notes"): class `has-notes` and `data-notes` (how many) on the clause's section; CSS
 * draws the marker. Written by the plugin's view through {@link ClauseStamp} only after the notes
 * or the top-level structure changed, never per keystroke, and never as node decorations (see
 * clause-dom-stamp.ts for why). The editor learns the counts from the notes store through a
 * transaction meta ({@link withNoteCounts}); it computes nothing itself.
 */

export interface NotesMarkerState {
  /** Notes per clause id; clauses without notes are absent. */
  readonly counts: ReadonlyMap<string, number>;
  /** Moves when the counts or the top-level structure changed: the sections are then synced. */
  readonly epoch: number;
}

export const notesMarkerKey = new PluginKey<NotesMarkerState>('chancery-notes-marker');

/** Tells the editor how many notes each clause has now (the editor pane dispatches it when the store changes). */
export function withNoteCounts(tr: Transaction, counts: ReadonlyMap<string, number>): Transaction {
  return tr.setMeta(notesMarkerKey, counts);
}

function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, n] of a) if (b.get(id) !== n) return false;
  return true;
}

function writeMarker(section: HTMLElement, count: string | null): void {
  section.classList.toggle('has-notes', count !== null);
  if (count === null) section.removeAttribute('data-notes');
  else section.setAttribute('data-notes', count);
}

/** The notes marker plugin (always present; draws nothing until counts arrive). */
export function notesMarkerPlugin(): Plugin<NotesMarkerState> {
  return new Plugin<NotesMarkerState>({
    key: notesMarkerKey,
    state: {
      init: () => ({ counts: new Map(), epoch: 0 }),
      apply(tr, prev) {
        const counts = tr.getMeta(notesMarkerKey) as ReadonlyMap<string, number> | undefined;
        if (counts && !sameCounts(counts, prev.counts)) return { counts, epoch: prev.epoch + 1 };
        if (tr.docChanged && mayChangeTopLevel(tr)) return { counts: prev.counts, epoch: prev.epoch + 1 };
        return prev;
      },
    },
    view: () => {
      const schedule = new StampSchedule();
      const stamp = new ClauseStamp<string | null>(writeMarker);
      return {
        update(view, prevState) {
          const marker = notesMarkerKey.getState(view.state);
          if (marker && schedule.due(marker.epoch, view.state === prevState)) {
            stamp.sync(view, (id) => {
              const n = marker.counts.get(id);
              return n ? String(n) : null;
            });
          }
        },
      };
    },
  });
}
