import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { Command, EditorState, Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { yUndoPluginKey } from 'y-prosemirror';
import { createEditorState } from './editor-setup';

/**
 * Owns one ProseMirror view bound to a replica Y.Doc and tells React when something it shows
 * may have changed (selection, marks, undo stacks, search matches).
 *
 * React never re-renders on a keystroke just because a transaction happened: notifications are
 * coalesced into one per task, after the keystroke's own work, and each subscriber selects the
 * little it needs (see `useEditorSelector`) and re-renders only when that changes.
 */

export interface EditorControllerOptions {
  /** Accessible name of the editable area, e.g. "Peace framework text". */
  label: string;
  /** Mod-f pressed in the editor. */
  onFind: () => void;
  /** The clause gutter asked for the position dialog (own-party marker, "Set position"). */
  onOpenPosition: (clauseId: string) => void;
  /** The clause gutter asked for a clause's history. */
  onOpenHistory: (clauseId: string) => void;
  /** The document's presence (other delegations' cursors); none in tests and tools. */
  presence?: Awareness;
}

function editorAttributes(label: string): Record<string, string> {
  return { role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, spellcheck: 'true', class: 'document-text' };
}

export class EditorController {
  readonly view: EditorView;
  private readonly listeners = new Set<() => void>();
  private scheduled: ReturnType<typeof setTimeout> | null = null;
  private changes = 0;
  private readonly offUndo: () => void;
  private destroyed = false;

  constructor(mount: HTMLElement, ydoc: Y.Doc, options: EditorControllerOptions) {
    const state = createEditorState(
      ydoc,
      { onFind: () => options.onFind() },
      { openPosition: (id) => options.onOpenPosition(id), openHistory: (id) => options.onOpenHistory(id) },
      options.presence,
    );
    const schedule = () => this.schedule();
    const destroyed = () => this.destroyed;
    this.view = new EditorView(mount, {
      state,
      // A function, not an arrow: y-prosemirror dispatches from inside the EditorView constructor
      // (its first render of a new document), before `this.view` is assigned; the view passes
      // itself as `this`.
      dispatchTransaction(this: EditorView, tr: Transaction) {
        if (destroyed()) return;
        this.updateState(this.state.apply(tr));
        schedule();
      },
      attributes: editorAttributes(options.label),
    });
    // The undo stacks change after the transaction that caused them (y-prosemirror writes to Yjs
    // in the view update), so listen to the UndoManager itself for the Undo/Redo buttons.
    const undoManager = yUndoPluginKey.getState(this.view.state)?.undoManager;
    const onStack = () => this.schedule();
    undoManager?.on('stack-item-added', onStack);
    undoManager?.on('stack-item-popped', onStack);
    undoManager?.on('stack-cleared', onStack);
    this.offUndo = () => {
      undoManager?.off('stack-item-added', onStack);
      undoManager?.off('stack-item-popped', onStack);
      undoManager?.off('stack-cleared', onStack);
    };
  }

  /** Counts notifications; selectors recompute only when it moves. */
  get version(): number {
    return this.changes;
  }

  get state(): EditorState {
    return this.view.state;
  }

  /** For `useSyncExternalStore`: subscribe to "something may have changed". */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Runs a command against the view (toolbar buttons), then returns focus to the text. */
  run(command: Command, focus = true): boolean {
    if (this.destroyed) return false;
    const handled = command(this.view.state, this.view.dispatch, this.view);
    if (focus) this.view.focus();
    // Undo and redo change the document through Yjs without a synchronous dispatch of ours.
    this.schedule();
    return handled;
  }

  /** Whether `command` applies now (for enabling buttons). */
  can(command: Command): boolean {
    return command(this.view.state, undefined, this.view);
  }

  /** Renames the editable area (the document was renamed). */
  setLabel(label: string): void {
    if (!this.destroyed) this.view.setProps({ attributes: editorAttributes(label) });
  }

  focus(): void {
    if (!this.destroyed) this.view.focus();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.scheduled !== null) clearTimeout(this.scheduled);
    this.offUndo();
    this.listeners.clear();
    this.view.destroy();
  }

  private schedule(): void {
    if (this.scheduled !== null || this.destroyed) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = null;
      this.changes += 1;
      for (const listener of [...this.listeners]) listener();
    }, 0);
  }
}
