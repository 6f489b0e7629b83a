/**
 * The baseline editor: ProseMirror bound to a Y.Doc by y-prosemirror's ySyncPlugin, with
 * Chancery's schema and nothing else — no Chancery plugins, no keymap, no IPC, no React.
 *
 * Two uses. By default (keystroke baseline) it loads the document state served beside the page
 * as `doc.bin` at once and sets `window.__bareEditorReady` once the view is up. With `?mount=manual`
 * (open baseline) it loads nothing: it sets `window.__bareEditorLoaded` once its code has run and
 * waits for the bench to call `window.__bareMount(src)` (and `__bareUnmount()`), so the bench can
 * time fetching a state and mounting an editor on it from a page that is already up, as the app's
 * open is timed from a window that already shows the welcome screen.
 *
 * The manual mount builds the first ProseMirror document straight from the fragment and hands
 * the node mapping to the binding (`initProseMirrorDoc`), as the app's editor-setup.ts does: the
 * plain `ySyncPlugin(fragment)` mount renders an empty document, then re-renders everything, and
 * a baseline slower than the app's own mount would flatter the app. `&init=binding` gives that
 * plain mount, for comparison.
 *
 * With `?hocuspocus=ws://…&name=N` (remote-edit baseline, row 6) it loads `doc.bin` as by default,
 * then binds the Y.Doc to document N of a plain Hocuspocus server through a HocuspocusProvider
 * (imported only in this mode, so the other baselines load no more code than before), and sets
 * `__bareEditorReady` once the provider has synced and the view is up. Two such pages on one name
 * are two bare editors co-editing: every page loads the same state, so they agree from the start.
 */
import 'prosemirror-view/style/prosemirror.css';
import * as Y from 'yjs';
import { EditorState, type Plugin } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { initProseMirrorDoc, ySyncPlugin } from 'y-prosemirror';
import { chancerySchema, CONTENT_FRAGMENT } from '../../../shared/schema/schema';

/** When each step of a mount ended, in ms since the page's time origin. */
export interface BareMountTimes {
  fetched: number;
  mounted: number;
}

declare global {
  interface Window {
    __bareEditorReady?: boolean;
    __bareEditorLoaded?: boolean;
    __bareEditorError?: string;
    __bareMount?: (src: string) => Promise<BareMountTimes>;
    __bareUnmount?: () => void;
  }
}

let mounted: { view: EditorView; ydoc: Y.Doc } | null = null;

async function mount(src: string, withMapping: boolean): Promise<BareMountTimes> {
  const response = await fetch(src, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const fetched = performance.now();
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, bytes);
  const fragment = ydoc.getXmlFragment(CONTENT_FRAGMENT);
  const initial = withMapping && fragment.length > 0 ? initProseMirrorDoc(fragment, chancerySchema) : null;
  const state = EditorState.create({
    schema: chancerySchema,
    ...(initial ? { doc: initial.doc } : {}),
    plugins: [ySyncPlugin(fragment, initial ? { mapping: initial.mapping } : {}) as Plugin],
  });
  const view = new EditorView(document.getElementById('editor')!, { state });
  mounted = { view, ydoc };
  return { fetched, mounted: performance.now() };
}

/** The default mount, then the doc bound to `name` on a plain Hocuspocus server at `url`. */
async function mountLive(url: string, name: string): Promise<void> {
  await mount('./doc.bin', false);
  const { HocuspocusProvider } = await import('@hocuspocus/provider');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no sync with ${url} (${name}) after 30 s`)), 30_000);
    new HocuspocusProvider({
      url,
      name,
      document: mounted!.ydoc,
      onSynced: () => {
        clearTimeout(timer);
        resolve();
      },
    });
  });
}

const params = new URLSearchParams(location.search);
const hocuspocus = params.get('hocuspocus');
if (hocuspocus !== null) {
  mountLive(hocuspocus, params.get('name') ?? 'bench').then(
    () => {
      window.__bareEditorReady = true;
    },
    (err: unknown) => {
      window.__bareEditorError = err instanceof Error ? err.message : String(err);
    },
  );
} else if (params.get('mount') === 'manual') {
  const withMapping = params.get('init') !== 'binding';
  window.__bareMount = (src) => mount(src, withMapping);
  window.__bareUnmount = () => {
    mounted?.view.destroy();
    mounted?.ydoc.destroy();
    mounted = null;
    document.getElementById('editor')!.replaceChildren();
  };
  window.__bareEditorLoaded = true;
} else {
  mount('./doc.bin', false).then(
    () => {
      window.__bareEditorReady = true;
    },
    (err: unknown) => {
      window.__bareEditorError = err instanceof Error ? err.message : String(err);
    },
  );
}
