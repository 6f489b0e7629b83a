import type { DocumentEntry } from '../../../shared/workspace/manifest';

interface DocumentListProps {
  documents: readonly DocumentEntry[];
  /** The document shown in the active tab, highlighted in the list. */
  activeId: string | null;
  onOpen: (id: string) => void;
  onAdd: () => void;
  onRename: (entry: DocumentEntry) => void;
  onMove: (entry: DocumentEntry, toIndex: number) => void;
  onDelete: (entry: DocumentEntry) => void;
}

/**
 * The workspace's documents in negotiated order (e2e/UI-CONTRACT.md, "Sidebar"). Each row opens
 * the document; its small buttons rename, move and delete it. The order is the manifest's, so a
 * move made by another delegation shows up here as it happens.
 */
export function DocumentList({ documents, activeId, onOpen, onAdd, onRename, onMove, onDelete }: DocumentListProps) {
  const last = documents.length - 1;
  return (
    <nav aria-label="Documents" className="sidebar-section doc-nav">
      <div className="sidebar-heading">
        <h2>Documents</h2>
        <button type="button" className="button small" onClick={onAdd}>
          Add document
        </button>
      </div>
      <ul className="doc-list">
        {documents.map((entry, index) => (
          <li key={entry.id} className={entry.id === activeId ? 'doc-item current' : 'doc-item'}>
            <button
              type="button"
              className="doc-open"
              aria-current={entry.id === activeId ? 'true' : undefined}
              onClick={() => onOpen(entry.id)}
            >
              <span className="doc-index" aria-hidden="true">
                {index + 1}
              </span>
              {entry.title}
            </button>
            <span className="doc-actions">
              <button type="button" className="icon-button" aria-label={`Rename ${entry.title}`} title="Rename" onClick={() => onRename(entry)}>
                ✎
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${entry.title} up`}
                title="Move up"
                disabled={index === 0}
                onClick={() => onMove(entry, index - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${entry.title} down`}
                title="Move down"
                disabled={index === last}
                onClick={() => onMove(entry, index + 1)}
              >
                ↓
              </button>
              <button type="button" className="icon-button danger" aria-label={`Delete ${entry.title}`} title="Delete" onClick={() => onDelete(entry)}>
                ✕
              </button>
            </span>
          </li>
        ))}
      </ul>
      {documents.length === 0 && <p className="muted sidebar-note">No documents yet. Add the first one to start drafting.</p>}
    </nav>
  );
}
