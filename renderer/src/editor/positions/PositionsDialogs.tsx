import { useCallback, useSyncExternalStore } from 'react';
import { Dialog } from '../../components/Dialog';
import { shownClauseNumbers } from '../clause-numbering-plugin';
import type { EditorController } from '../editor-controller';
import { ownParty } from './gutter-model';
import { HistoryDialog } from './HistoryDialog';
import { PositionDialog } from './PositionDialog';
import type { PositionsStore } from './positions-store';

/** Which dialog the gutter asked for, on which clause. */
export type PositionsDialogRequest = { kind: 'position' | 'history'; clauseId: string };

interface PositionsDialogsProps {
  request: PositionsDialogRequest | null;
  store: PositionsStore;
  controller: EditorController | null;
  onClose: () => void;
}

/** The clause's shown number or label, as the gutter names it; the id for a clause gone meanwhile. */
function numberOf(controller: EditorController | null, clauseId: string): string {
  const found = controller ? shownClauseNumbers(controller.state).find((c) => c.clauseId === clauseId) : undefined;
  return found?.number ?? clauseId;
}

/**
 * The position and history dialogs the gutter opens, fed from the document's positions store.
 * Only the member's own party can be set: the dialog takes the party from where this
 * installation's key stands in the roster, never from the marker that was clicked.
 */
export function PositionsDialogs({ request, store, controller, onClose }: PositionsDialogsProps) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const clauseId = request?.clauseId ?? '';
  const load = useCallback(() => store.history(clauseId), [store, clauseId]);
  if (!request) return null;

  const number = numberOf(controller, request.clauseId);
  const view = snapshot.clauses.get(request.clauseId);

  if (request.kind === 'history') {
    return <HistoryDialog number={number} load={load} view={view} roster={snapshot.roster} onClose={onClose} />;
  }

  const own = ownParty(snapshot.roster);
  if (own === null) {
    return (
      <Dialog title={`Position on clause ${number}`} onClose={onClose}>
        <p className="dialog-error" role="alert">
          Your key is not enrolled in any party of this negotiation, so you cannot give positions. Ask your head of delegation to
          enrol your member card (Settings shows it).
        </p>
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </Dialog>
    );
  }
  const party = snapshot.roster?.roster.parties.find((p) => p.code === own);
  return (
    <PositionDialog
      number={number}
      party={{ code: own, name: party?.name ?? null }}
      current={view?.parties.find((p) => p.party === own)}
      onSubmit={(status, comment, proposal) => store.setPosition(request.clauseId, own, status, comment, proposal)}
      onClose={onClose}
    />
  );
}
