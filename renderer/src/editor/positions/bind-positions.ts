import type { EditorView } from 'prosemirror-view';
import { withPositions, type PositionsMeta } from './position-gutter-plugin';
import type { PositionsSnapshot, PositionsStore, PositionsUpdate } from './positions-store';

/**
 * Feeds a document's positions store into its editor: each store update becomes one transaction
 * whose meta carries what changed (every clause on a reset, the changed clauses on a delta, the
 * roster on a roster change). Returns the function that stops it.
 */
export function bindPositions(view: EditorView, store: PositionsStore): () => void {
  const send = (meta: PositionsMeta) => {
    if (!view.isDestroyed) view.dispatch(withPositions(view.state.tr, meta));
  };
  const reset = (snapshot: PositionsSnapshot): PositionsMeta => ({ kind: 'reset', clauses: [...snapshot.clauses.values()], roster: snapshot.roster });
  const current = store.getSnapshot();
  if (current.loaded) send(reset(current));
  return store.onUpdate((update: PositionsUpdate, snapshot) => {
    if (update.kind === 'reset') send(reset(snapshot));
    else if (update.kind === 'clauses') send({ kind: 'clauses', clauses: update.clauses });
    else send({ kind: 'roster', roster: snapshot.roster });
  });
}
