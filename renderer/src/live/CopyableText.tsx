import { useId, useRef, useState, type ReactNode } from 'react';
import { copyShortcut } from '../settings/settings-text';

interface CopyableTextProps {
  label: string;
  text: string;
  /** Lines shown: 1 for an address (a one-line field, its button beside it), more for an invitation (its button below). */
  rows?: number;
  /** Names the copy button for programs and screen readers, e.g. "Copy invitation". */
  copyLabel: string;
  testId: string;
  /** Whether the label is shown; off where a heading above already says what the texts are (the hosted addresses). */
  showLabel?: boolean;
  /** More buttons beside the Copy button (the invitation's "Save to file…"). */
  children?: ReactNode;
}

/**
 * A read-only text (an address, an invitation) with a Copy button. When the window may not use
 * the clipboard, the text is selected for the user to copy with the keyboard instead.
 */
export function CopyableText({ label, text, rows = 1, copyLabel, testId, showLabel = true, children }: CopyableTextProps) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [notice, setNotice] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setNotice('Copied.');
    } catch {
      ref.current?.focus();
      ref.current?.select();
      setNotice(`Chancery may not use the clipboard here: the text is selected, press ${copyShortcut(navigator.platform)} to copy it.`);
    }
  };
  const field = {
    id,
    ref,
    className: 'field-input live-copyable-text',
    readOnly: true,
    value: text,
    'data-testid': testId,
    spellCheck: false,
    ...(showLabel ? {} : { 'aria-label': label }),
  };
  return (
    <div className={`live-copyable${rows > 1 ? ' multiline' : ''}`}>
      {showLabel && (
        <label htmlFor={id} className="field-label">
          {label}
        </label>
      )}
      <div className="live-copyable-row">
        {rows > 1 ? <textarea {...field} rows={rows} /> : <input {...field} />}
        <div className="live-copyable-actions">
          <button type="button" className="button small" aria-label={copyLabel} onClick={() => void copy()}>
            {rows > 1 ? copyLabel : 'Copy'}
          </button>
          {children}
        </div>
      </div>
      {notice && (
        <p className="field-hint" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}
