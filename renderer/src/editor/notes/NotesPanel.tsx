import { useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { MAX_NOTE_TEXT } from '../../../../shared/notes/note-schema';
import { errorMessage } from '../../app/app-context';
import type { EditorController } from '../editor-controller';
import { useEditorSelector } from '../use-editor-selector';
import { cursorClause, sameCursorClause, type CursorClause } from './cursor-clause';
import { NoteItem } from './NoteItem';
import type { NotesStore } from './notes-store';

interface NotesPanelProps {
  store: NotesStore;
  controller: EditorController | null;
}

const selectClause = (state: Parameters<typeof cursorClause>[0]) => cursorClause(state);
const NO_CLAUSE: CursorClause | null = null;

/**
 * "Delegation notes" (e2e/UI-CONTRACT.md, "Private notes"): beside the editor, the private notes
 * of the user's delegation on the clause at the cursor — who wrote each and when, its text, Edit
 * and Delete — and a box to add one. Said plainly at the top: private to that party, no other
 * delegation sees them. A user in no delegation is told why there are no notes.
 */
export function NotesPanel({ store, controller }: NotesPanelProps) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const clause = useEditorSelector(controller, selectClause, sameCursorClause, NO_CLAUSE);
  const headingId = useId();

  return (
    <aside className="notes-panel" aria-labelledby={headingId} data-testid="notes-panel">
      <h2 id={headingId} className="notes-heading">
        Delegation notes
      </h2>
      {snapshot.status === 'loading' && (
        <p className="muted notes-note" aria-busy="true">
          Loading notes…
        </p>
      )}
      {snapshot.status === 'unavailable' && (
        <p className="muted notes-note" data-testid="notes-unavailable">
          No notes here: {snapshot.reason}
        </p>
      )}
      {snapshot.status === 'ready' && (
        <>
          <p className="notes-privacy" data-testid="notes-privacy">
            Private to {snapshot.party} — no other delegation sees these
          </p>
          {clause ? (
            <ClauseNotes key={clause.id} store={store} clause={clause} />
          ) : (
            <p className="muted notes-note" data-testid="notes-no-clause">
              Put the cursor in a clause to see its notes.
            </p>
          )}
        </>
      )}
    </aside>
  );
}

/** The notes on one clause and the box to add one; keyed by clause, so a draft never moves to another clause. */
export function ClauseNotes({ store, clause }: { store: NotesStore; clause: CursorClause }) {
  useSyncExternalStore(store.subscribe, store.getSnapshot);
  const notes = store.notesOn(clause.id);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || draft.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await store.add(clause.id, draft);
      setDraft('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="notes-clause" aria-label={`Notes on clause ${clause.number}`} data-testid="notes-clause" data-clause-id={clause.id}>
      <h3 className="notes-clause-heading">Clause {clause.number}</h3>
      {notes.length === 0 ? (
        <p className="muted notes-note" data-testid="notes-empty">
          No notes on this clause yet.
        </p>
      ) : (
        <ul className="notes-list" data-testid="notes-list">
          {notes.map((note) => (
            <NoteItem key={note.id} note={note} onEdit={(text) => store.edit(note.id, text)} onDelete={() => store.remove(note.id)} />
          ))}
        </ul>
      )}
      <form className="note-form" onSubmit={(e) => void add(e)}>
        <label className="field-label" htmlFor={inputId}>
          New note
        </label>
        <textarea
          id={inputId}
          className="field-input note-input"
          value={draft}
          maxLength={MAX_NOTE_TEXT}
          rows={3}
          data-testid="note-input"
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button small primary" disabled={busy || draft.trim() === ''} data-testid="note-add">
          Add note
        </button>
        {error && (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
