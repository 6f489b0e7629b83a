import { useId, useRef, useState } from 'react';

interface CopyableTextProps {
  label: string;
  text: string;
  /** Lines shown: 1 for an address, more for an invitation. */
  rows?: number;
  /** Names the copy button, e.g. "Copy invitation". */
  copyLabel: string;
  testId: string;
}

function copyShortcut(): string {
  return /mac/iu.test(navigator.platform) ? '⌘C' : 'Ctrl+C';
}

/**
 * A read-only text (an address, an invitation) with a Copy button. When the window may not use
 * the clipboard, the text is selected for the user to copy with the keyboard instead.
 */
export function CopyableText({ label, text, rows = 1, copyLabel, testId }: CopyableTextProps) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [notice, setNotice] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setNotice('Copied.');
    } catch {
      ref.current?.focus();
      ref.current?.select();
      setNotice(`Chancery may not use the clipboard here: the text is selected, press ${copyShortcut()} to copy it.`);
    }
  };
  return (
    <div className="live-copyable">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="live-copyable-row">
        <textarea
          id={id}
          ref={ref}
          className="field-input live-copyable-text"
          readOnly
          rows={rows}
          value={text}
          data-testid={testId}
          spellCheck={false}
        />
        <button type="button" className="button small" onClick={() => void copy()}>
          {copyLabel}
        </button>
      </div>
      {notice && (
        <p className="field-hint" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}
