import { useEffect, useState } from 'react';
import { Selection } from 'prosemirror-state';
import type { LostText } from '../../../../shared/live/lost-text';
import type { ChanceryApi } from '../../ipc/api';
import type { EditorController } from '../editor-controller';

/** The slice of the API the banner uses; tests pass a fake. */
export type LossesApi = Pick<ChanceryApi, 'losses' | 'on'>;

/**
 * The kept text of one document (what this machine typed that another delegation's edit deleted
 * unseen), as main has it: read once, then every `losses.changed`, which carries the whole
 * workspace's list.
 */
export function useLosses(api: LossesApi, docId: string): LostText[] {
  const [losses, setLosses] = useState<LostText[]>([]);
  useEffect(() => {
    let live = true;
    const show = (all: LostText[]) => {
      if (live) setLosses(all.filter((l) => l.docId === docId));
    };
    const off = api.on('losses.changed', show);
    api.losses.list().then(show, () => {
      // No session yet (the window is closing): nothing to show; the next change event brings the list.
    });
    return () => {
      live = false;
      off();
    };
  }, [api, docId]);
  return losses;
}

/** How long a restored clause is waited for in the replica (it comes as an ordinary update from main). */
const WAIT_FOR_CLAUSE_MS = 5000;

/**
 * Puts the cursor at the start of clause `clauseId` and scrolls to it, as soon as the replica has
 * it (the restore reply and the update carrying the clause arrive separately). Returns a canceller.
 */
export function selectClauseWhenPresent(controller: EditorController, clauseId: string): () => void {
  const tryNow = (): boolean => {
    const { doc } = controller.state;
    let offset = -1;
    doc.forEach((node, pos) => {
      if (offset < 0 && node.type.name === 'clause' && node.attrs.id === clauseId) offset = pos;
    });
    if (offset < 0) return false;
    const selection = Selection.findFrom(doc.resolve(offset + 1), 1, true) ?? Selection.near(doc.resolve(offset));
    controller.run((state, dispatch) => {
      dispatch?.(state.tr.setSelection(selection).scrollIntoView());
      return true;
    });
    return true;
  };
  if (tryNow()) return () => {};
  const off = controller.subscribe(() => {
    if (tryNow()) stop();
  });
  const timer = setTimeout(() => stop(), WAIT_FOR_CLAUSE_MS);
  const stop = () => {
    off();
    clearTimeout(timer);
  };
  return stop;
}
