/**
 * The baseline editor: ProseMirror bound to a Y.Doc by y-prosemirror's ySyncPlugin, with
 * Chancery's schema and nothing else — no Chancery plugins, no keymap, no IPC, no React. It loads
 * the same document state the app shows (served beside the page as `doc.bin`) and sets
 * `window.__bareEditorReady` once the view is up.
 */
import 'prosemirror-view/style/prosemirror.css';
import * as Y from 'yjs';
import { EditorState, type Plugin } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { ySyncPlugin } from 'y-prosemirror';
import { chancerySchema, CONTENT_FRAGMENT } from '../../../shared/schema/schema';

declare global {
  interface Window {
    __bareEditorReady?: boolean;
    __bareEditorError?: string;
  }
}

async function start(): Promise<void> {
  const response = await fetch('./doc.bin');
  if (!response.ok) throw new Error(`doc.bin: HTTP ${response.status}`);
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, new Uint8Array(await response.arrayBuffer()));
  const state = EditorState.create({
    schema: chancerySchema,
    plugins: [ySyncPlugin(ydoc.getXmlFragment(CONTENT_FRAGMENT)) as Plugin],
  });
  new EditorView(document.getElementById('editor')!, { state });
  window.__bareEditorReady = true;
}

start().catch((err: unknown) => {
  window.__bareEditorError = err instanceof Error ? err.message : String(err);
});
