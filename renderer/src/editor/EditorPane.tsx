import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../app/app-context';
import { DocPresence } from '../live/doc-presence';
import type { IpcProvider } from '../sync/ipc-provider';
import { EditorController } from './editor-controller';
import { FindBar } from './FindBar';
import { LostTextBanner } from './losses/LostTextBanner';
import { ClauseFilterBar } from './positions/ClauseFilterBar';
import { PositionsDialogs, type PositionsDialogRequest } from './positions/PositionsDialogs';
import { usePositions } from './positions/use-positions';
import { NotesPanel } from './notes/NotesPanel';
import { useNotes } from './notes/use-notes';
import { Toolbar } from './Toolbar';

interface EditorPaneProps {
  provider: IpcProvider;
  title: string;
  /** Whether this pane's tab is the active one (inactive panes stay mounted, hidden). */
  active: boolean;
}

/**
 * One document's editor: the formatting toolbar, the find bar when open, and the ProseMirror
 * view bound to the document's replica. Panes of inactive tabs stay mounted so that switching
 * tabs keeps each document's undo history, selection and scroll position.
 */
export function EditorPane({ provider, title, active }: EditorPaneProps) {
  const mount = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<EditorController | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [findRequest, setFindRequest] = useState(0);
  const [positionsDialog, setPositionsDialog] = useState<PositionsDialogRequest | null>(null);
  const api = useApi();
  // The document's clause positions, fed into the editor's gutter once both exist.
  const positions = usePositions(api, provider.docId, controller);
  // The user's delegation's private notes on this document: the panel, and the clause markers.
  const notes = useNotes(api, provider.docId, controller);

  const openFind = useCallback(() => {
    setFindOpen(true);
    setFindRequest((n) => n + 1);
  }, []);

  const closeFind = useCallback(() => {
    setFindOpen(false);
    controller?.focus();
  }, [controller]);

  // The title only names the editable area; a rename must not rebuild the editor, so the
  // editor is created with the title of the moment and renamed by the effect below.
  const initialTitle = useRef(title);
  useEffect(() => {
    // Other delegations' cursors in this document, through main (live/doc-presence.ts).
    const presence = new DocPresence(api, provider.docId, provider.doc);
    const created = new EditorController(mount.current!, provider.doc, {
      label: `${initialTitle.current} — text`,
      onFind: openFind,
      onOpenPosition: (clauseId) => setPositionsDialog({ kind: 'position', clauseId }),
      onOpenHistory: (clauseId) => setPositionsDialog({ kind: 'history', clauseId }),
      presence: presence.awareness,
    });
    setController(created);
    return () => {
      setController(null);
      created.destroy();
      presence.destroy();
    };
  }, [api, provider, openFind]);

  useEffect(() => {
    controller?.setLabel(`${title} — text`);
  }, [controller, title]);

  useEffect(() => {
    if (!active) setFindOpen(false);
  }, [active]);

  return (
    <div className="editor-pane">
      <Toolbar controller={controller} onFind={openFind} />
      <ClauseFilterBar controller={controller} />
      {findOpen && <FindBar controller={controller} focusRequest={findRequest} onClose={closeFind} />}
      <LostTextBanner api={api} docId={provider.docId} controller={controller} />
      <div className="editor-body">
        <div className="editor-scroll">
          <article className="page" aria-label={title}>
            <div ref={mount} className="page-body" />
          </article>
        </div>
        {notes && <NotesPanel store={notes} controller={controller} />}
      </div>
      {positions && (
        <PositionsDialogs request={positionsDialog} store={positions} controller={controller} onClose={() => setPositionsDialog(null)} />
      )}
    </div>
  );
}
