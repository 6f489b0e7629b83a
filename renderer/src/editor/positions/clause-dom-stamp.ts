import type { EditorView } from 'prosemirror-view';

/**
 * Writes one piece of per-clause presentation (an attribute, a class) onto the `<section>`
 * elements ProseMirror draws for clauses, instead of a node decoration per clause.
 *
 * Why not node decorations: a node decoration on a top-level node lives in the document's own
 * decoration set, and ProseMirror walks that set once per top-level child on every view update
 * and checks each one again when mapping it (`DecorationSet.forChild`, `NodeType.valid`). With
 * 400 clauses that is O(top-level nodes × clauses) on every keystroke: measured at about 1 ms more
 * per keystroke, on top of the ~0.2 ms a bare editor spends, where the keystroke-to-paint goal is
 * within 1.1× of a bare editor. The clause numbers avoid node decorations for the same reason
 * (see `clause-numbering-plugin.ts`, whose clause node view ignores these writes as DOM changes).
 *
 * The plugins call {@link ClauseStamp.sync} after the view drew a state in which something they
 * show changed, or the top-level structure changed (ProseMirror may then have drawn new sections);
 * it visits each top-level element once and writes only where the value differs from what this
 * element was last given. Typing inside a clause calls nothing.
 */
export class ClauseStamp<T extends string | boolean | null> {
  /** What each drawn section was last given; a section ProseMirror drew anew is not in it. */
  private readonly stamped = new WeakMap<Element, T>();

  constructor(private readonly write: (section: HTMLElement, value: T) => void) {}

  /** Gives every drawn clause section `valueOf(its clause id)`, writing only what changed. */
  sync(view: EditorView, valueOf: (clauseId: string) => T): void {
    for (const el of Array.from(view.dom.children)) {
      if (el.tagName !== 'SECTION' || !el.classList.contains('clause')) continue;
      const id = el.getAttribute('data-clause-id');
      if (id === null) continue;
      const value = valueOf(id);
      if (this.stamped.has(el) && this.stamped.get(el) === value) continue;
      this.write(el as HTMLElement, value);
      this.stamped.set(el, value);
    }
  }
}

/**
 * When a plugin's view must call {@link ClauseStamp.sync}: its `epoch` (bumped by the plugin state
 * whenever what it shows or the document's top-level structure changed) moved, or ProseMirror
 * redrew without a new state (after reading a DOM change it put back), which may draw new sections.
 */
export class StampSchedule {
  private seen = -1;

  due(epoch: number, stateUnchanged: boolean): boolean {
    const due = epoch !== this.seen || stateUnchanged;
    this.seen = epoch;
    return due;
  }
}
