// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChanceryError } from '../../../shared/errors';
import { ErrorBoundary } from './ErrorBoundary';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let failing = true;
function Fragile() {
  if (failing) throw new ChanceryError('INTERNAL', 'The editor could not show this document.');
  return <p>Document text</p>;
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('shows what failed and a way back instead of a blank window, and recovers on retry', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    failing = true;
    let retries = 0;
    await act(async () => {
      root.render(
        <ErrorBoundary what="The editor for “Annex 1”" onRetry={() => (retries += 1)}>
          <Fragile />
        </ErrorBoundary>,
      );
    });
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The editor for “Annex 1” stopped working.');
    expect(alert?.textContent).toContain('The editor could not show this document.');
    expect(alert?.textContent).toContain('saved is in the negotiation file');

    failing = false;
    await act(async () => container.querySelector('button')!.click());
    expect(retries).toBe(1);
    expect(container.textContent).toBe('Document text');
    await act(async () => root.unmount());
  });
});
