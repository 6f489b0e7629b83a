import * as Y from 'yjs';
import type { Command, Selection, Transaction } from 'prosemirror-state';
import { AttrStep, ReplaceStep } from 'prosemirror-transform';
import { EditorView } from 'prosemirror-view';
import { yUndoPluginKey } from 'y-prosemirror';
import { CONTENT_INVARIANTS_META } from '../content-invariants-plugin';
import { createEditorState } from '../editor-setup';

/**
 * One delegation's machine in the convergence test: its own Y.Doc (keeping deleted content, so
 * lost text can be traced) and a real EditorView with the app's own editor state — the same
 * plugins, keymap and y-prosemirror binding the app mounts — in jsdom. The random user acts on it
 * only as a user can: by placing the selection and pressing keys or toolbar buttons.
 */

/** Origin of updates a peer receives from another (the test's relay). */
export const FROM_NETWORK = Symbol('from-network');

export interface Modifiers {
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export class Peer {
  readonly doc: Y.Doc;
  readonly view: EditorView;
  /** The op being performed right now (for the loss ledger), or "sync" between ops. */
  currentOp = 'sync';
  /** Transactions the content-invariants plugin appended to this peer's edits. */
  invariantFixes = 0;
  /** Steps of those transactions that were not insertions or attribute changes (must stay 0). */
  destructiveFixSteps = 0;

  constructor(
    readonly name: string,
    clientID: number,
    initial: Uint8Array,
    onTransaction: (peer: Peer, tr: Y.Transaction) => void,
  ) {
    this.doc = new Y.Doc({ gc: false });
    this.doc.clientID = clientID;
    Y.applyUpdate(this.doc, initial, FROM_NETWORK);
    this.doc.on('afterTransaction', (tr: Y.Transaction) => onTransaction(this, tr));
    const mount = document.createElement('div');
    document.body.append(mount);
    const onApplied = (transactions: readonly Transaction[]) => this.countFixes(transactions);
    this.view = new EditorView(mount, {
      state: createEditorState(this.doc, { onFind: () => {} }),
      dispatchTransaction(this: EditorView, tr: Transaction) {
        const { state, transactions } = this.state.applyTransaction(tr);
        this.updateState(state);
        onApplied(transactions);
      },
    });
  }

  private countFixes(transactions: readonly Transaction[]): void {
    for (const tr of transactions) {
      if (!tr.getMeta(CONTENT_INVARIANTS_META)) continue;
      this.invariantFixes += 1;
      for (const step of tr.steps) {
        const inserts = step instanceof ReplaceStep && step.from === step.to;
        if (!inserts && !(step instanceof AttrStep)) this.destructiveFixSteps += 1;
      }
    }
  }

  get undoManager(): Y.UndoManager {
    return yUndoPluginKey.getState(this.view.state)!.undoManager;
  }

  select(selection: Selection): void {
    this.view.dispatch(this.view.state.tr.setSelection(selection));
  }

  /** Presses a key in the editor, as prosemirror-view hands it to the keymap; true if handled. */
  press(key: string, { mod = false, shift = false, alt = false }: Modifiers = {}): boolean {
    const keyCode = key.length === 1 ? key.toUpperCase().charCodeAt(0) : 0;
    const event = new KeyboardEvent('keydown', { key, keyCode, ctrlKey: mod, shiftKey: shift, altKey: alt, bubbles: true, cancelable: true } as KeyboardEventInit);
    return this.view.someProp('handleKeyDown', (f) => f(this.view, event)) ?? false;
  }

  /** Runs a toolbar command the way the toolbar does. */
  run(command: Command): boolean {
    return command(this.view.state, this.view.dispatch, this.view);
  }

  destroy(): void {
    const mount = this.view.dom.parentElement;
    this.view.destroy();
    mount?.remove();
    this.doc.destroy();
  }
}
