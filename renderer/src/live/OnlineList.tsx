import type { PresencePeer } from '../../../shared/live/live-model';
import { useApi } from '../app/app-context';
import { swatchStyle } from '../workspace/party-colour';
import { usePeers } from './use-peers';

interface OnlineListProps {
  /** The workspace's documents, to name where each person is. */
  documents: readonly { id: string; title: string }[];
}

function where(peer: PresencePeer, documents: OnlineListProps['documents']): string {
  if (peer.docId === null) return 'in the negotiation';
  return `in ${documents.find((d) => d.id === peer.docId)?.title ?? 'a document'}`;
}

/** Who else is online in this negotiation, with their party colour and the document they are in. */
export function OnlineList({ documents }: OnlineListProps) {
  const api = useApi();
  const peers = usePeers(api);
  return (
    <section className="sidebar-section online" aria-labelledby="online-heading" data-testid="live-online">
      <div className="sidebar-heading">
        <h2 id="online-heading">Online</h2>
      </div>
      <ul aria-label="Online" className="online-list">
        {peers.map((peer) => (
          <li key={peer.clientId} className="online-item" data-testid="live-online-peer" data-party={peer.party ?? ''} data-doc={peer.docId ?? ''}>
            <span className="party-swatch" style={swatchStyle(peer.colour)} aria-hidden="true" />
            <span className="online-name">{peer.name}</span>
            {peer.party && <span className="party-code">{peer.party}</span>}
            <span className="online-where muted">{where(peer, documents)}</span>
          </li>
        ))}
      </ul>
      {peers.length === 0 && <p className="muted sidebar-note">Nobody else is online.</p>}
    </section>
  );
}
