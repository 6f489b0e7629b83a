import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'prosemirror-view/style/prosemirror.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/welcome.css';
import './styles/sidebar.css';
import './styles/tabs.css';
import './styles/toolbar.css';
import './styles/editor.css';
import './styles/dialog.css';
import './styles/positions.css';
import './styles/notes.css';
import './styles/agreement.css';
import './styles/roster.css';
import './styles/settings.css';
import './styles/live.css';
import './styles/export.css';
import { getApi, type ChanceryApi } from './ipc/api';
import { ApiContext } from './app/app-context';
import { App } from './app/App';
import { ErrorReporting } from './app/ErrorReporting';
import { ErrorBanner } from './app/ErrorBanner';
import { ErrorBoundary } from './app/ErrorBoundary';

const root = createRoot(document.getElementById('root')!);

let api: ChanceryApi | null = null;
let bridgeError: string | null = null;
try {
  api = getApi();
} catch (error) {
  bridgeError = error instanceof Error ? error.message : String(error);
}

root.render(
  <StrictMode>
    {api ? (
      <ApiContext value={api}>
        <ErrorBoundary what="This Chancery window">
          <ErrorReporting>
            <App />
          </ErrorReporting>
        </ErrorBoundary>
      </ApiContext>
    ) : (
      <main className="loading-screen">
        <ErrorBanner message={bridgeError ?? 'Chancery could not start.'} count={1} onDismiss={() => {}} />
      </main>
    )}
  </StrictMode>,
);
