import { useEffect, useRef, useState } from 'react';
import type { LostText } from '../../../../shared/live/lost-text';
import { useReportError } from '../../app/app-context';
import type { EditorController } from '../editor-controller';
import { selectClauseWhenPresent, useLosses, type LossesApi } from './use-losses';

/** The sentence of a banner: "VEL deleted paragraph 5 (b) while you were editing it — restore your text?" */
export function lossSentence(loss: LostText): string {
  const by = loss.by ? loss.by.charAt(0).toUpperCase() + loss.by.slice(1) : 'Another delegation';
  return `${by} deleted ${loss.place} while you were editing it — restore your text?`;
}

interface LossRowProps {
  loss: LostText;
  api: LossesApi;
  controller: EditorController | null;
}

function LossRow({ loss, api, controller }: LossRowProps) {
  const report = useReportError();
  const [showText, setShowText] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancelSelect = useRef<(() => void) | null>(null);
  useEffect(() => () => cancelSelect.current?.(), []);

  const restore = () => {
    setBusy(true);
    api.losses.restore(loss.id).then(
      ({ clauseId }) => {
        if (controller) cancelSelect.current = selectClauseWhenPresent(controller, clauseId);
      },
      (err: unknown) => {
        setBusy(false);
        report(err);
      },
    );
  };
  const dismiss = () => {
    setBusy(true);
    api.losses.dismiss(loss.id).catch((err: unknown) => {
      setBusy(false);
      report(err);
    });
  };
  const textId = `lost-text-${loss.id}`;
  return (
    <div className="lost-text" role="status" data-testid="lost-text-banner" data-loss-id={loss.id}>
      <p className="lost-text-sentence">{lossSentence(loss)}</p>
      <div className="lost-text-actions">
        <button type="button" disabled={busy} onClick={restore}>
          Restore
        </button>
        <button type="button" aria-expanded={showText} aria-controls={textId} onClick={() => setShowText((s) => !s)}>
          {showText ? 'Hide text' : 'Show text'}
        </button>
        <button type="button" disabled={busy} onClick={dismiss}>
          Dismiss
        </button>
      </div>
      {showText && (
        <blockquote id={textId} className="lost-text-text" aria-label="Your deleted text">
          {loss.text.split('\n').map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </blockquote>
      )}
    </div>
  );
}

interface LostTextBannerProps {
  api: LossesApi;
  docId: string;
  controller: EditorController | null;
}

/**
 * Above a document's text: one banner per piece of text this machine typed that another
 * delegation deleted without having seen it, newest first, each offering to put the text back
 * (as a new paragraph where it was), to show it, or to dismiss it. Nothing typed disappears
 * silently.
 */
export function LostTextBanner({ api, docId, controller }: LostTextBannerProps) {
  const losses = useLosses(api, docId);
  if (losses.length === 0) return null;
  return (
    <section className="lost-text-list" aria-label="Deleted text you can restore">
      {[...losses].reverse().map((loss) => (
        <LossRow key={loss.id} loss={loss} api={api} controller={controller} />
      ))}
    </section>
  );
}
