// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { clause, doc, h, labelled, posOf } from '../test-docs';
import { positionGutterKey } from './position-gutter-plugin';
import { positionsEditor, sectionOf as section, sendPositions as send } from './test-editor';
import { roster, view } from './test-positions';

const C1 = 'c-0000000000000001';
const C2 = 'c-0000000000000002';
const C2B = 'c-000000000000002b';
const C3 = 'c-0000000000000003';

let editor: EditorView | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.innerHTML = '';
});

function open(actions = { openPosition: vi.fn(), openHistory: vi.fn() }) {
  editor = positionsEditor(doc(h(1, 'Framework'), clause(C1, 'One.'), clause(C2, 'Two.'), labelled(C2B, '2 bis', 'Two bis.'), clause(C3, 'Three.')), actions);
  return { view: editor, actions };
}

function load(v: EditorView, me: 'eu' | 'observer' | null = 'eu') {
  send(v, {
    kind: 'reset',
    roster: roster(me),
    clauses: [
      view(C1, 'agreed', { EU: 'accepted', US: 'accepted', RU: 'accepted' }),
      view(C2, 'disputed', {
        EU: 'accepted',
        US: { status: 'disputed', proposal: 'The Parties shall consult.' },
        RU: { status: 'disputed', proposal: 'The Parties may consult.', stale: true },
      }),
      view(C2B, 'reserved', { EU: 'reserved', US: 'accepted-ad-ref', RU: { status: 'open', invalid: 1 } }),
    ],
  });
}

const group = (v: EditorView, name: string) => v.dom.querySelector<HTMLElement>(`[role="group"][aria-label="Positions on clause ${name}"]`);
const groups = (v: EditorView) => [...v.dom.querySelectorAll<HTMLElement>('[role="group"]')];
/** The decorations' specs: mapping keeps them, building decorations again makes new ones. */
const specs = (v: EditorView) => positionGutterKey.getState(v.state)!.decorations.find().map((d) => d.spec as { clauseId: string });
const marker = (v: EditorView, name: string, party: string) => group(v, name)!.querySelector<HTMLButtonElement>(`[data-party="${party}"]`)!;

describe('clause gutter', () => {
  it('shows nothing until main’s positions arrive, then one group per clause with a marker per party in roster order', () => {
    const { view: v } = open();
    expect(groups(v)).toHaveLength(0);
    expect(section(v, C1).hasAttribute('data-state')).toBe(false);
    load(v);
    expect(groups(v).map((g) => g.getAttribute('aria-label'))).toEqual([
      'Positions on clause 1',
      'Positions on clause 2',
      'Positions on clause 2 bis',
      'Positions on clause 3',
    ]);
    // The gutter sits inside its clause, so it follows the clause wherever it goes.
    expect(group(v, '2')!.closest('section.clause')).toBe(section(v, C2));
    const markers = [...group(v, '2')!.querySelectorAll<HTMLButtonElement>('button[data-party]')];
    expect(markers.map((m) => m.getAttribute('aria-label'))).toEqual(['EU: Accepted', 'US: Disputed', 'RU: Disputed, stale']);
    expect(markers.map((m) => [m.dataset.party, m.dataset.status, m.dataset.stale, m.dataset.invalid])).toEqual([
      ['EU', 'accepted', 'false', 'false'],
      ['US', 'disputed', 'false', 'false'],
      ['RU', 'disputed', 'true', 'false'],
    ]);
    // Colour is never alone: each marker shows its code and a status shape (drawn by CSS from
    // these attributes, so the clause's text stays its own words).
    expect(markers.map((m) => m.dataset.symbol)).toEqual(['✓', '✕', '✕']);
    expect(section(v, C1).textContent).toBe('One.');
    expect(markers[0]!.style.getPropertyValue('--party-colour')).toBe('#1f4e9c');
    expect(marker(v, '2 bis', 'RU').getAttribute('aria-label')).toBe('RU: Open, invalid record');
    expect(marker(v, '2 bis', 'RU').dataset.invalid).toBe('true');
    // A clause main has not reported shows every party open.
    expect(
      [...group(v, '3')!.querySelectorAll('button[data-party]')].map((m) => m.getAttribute('aria-label')),
    ).toEqual(['EU: Open', 'US: Open', 'RU: Open']);
  });

  it('puts the tooltip on each marker: status, member, time, comment, staleness', () => {
    const { view: v } = open();
    send(v, { kind: 'reset', roster: roster(), clauses: [view(C1, 'open', { EU: { status: 'reserved', comment: 'Scrutiny reservation', stale: true } })] });
    const title = marker(v, '1', 'EU').title;
    expect(title).toContain('European Union (EU): Reserved');
    expect(title).toContain('By Anna Weber, ');
    expect(title).toContain('“Scrutiny reservation”');
    expect(title).toContain('Given on earlier text');
  });

  it('sets data-state on every clause, brackets disputed clauses only and lists their proposals as options', () => {
    const { view: v } = open();
    load(v);
    expect([C1, C2, C2B, C3].map((id) => section(v, id).getAttribute('data-state'))).toEqual(['agreed', 'disputed', 'reserved', 'open']);
    expect([C1, C2, C2B, C3].map((id) => section(v, id).classList.contains('bracketed'))).toEqual([false, true, false, false]);
    // The brackets are drawn, never typed: the text is untouched.
    expect(v.state.doc.textContent).toBe('FrameworkOne.Two.Two bis.Three.');
    const list = v.dom.querySelector('[aria-label="Proposals for clause 2"]')!;
    expect(list.tagName).toBe('UL');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Option 1 (US): The Parties shall consult.',
      'Option 2 (RU): The Parties may consult.',
    ]);
    expect(v.dom.querySelectorAll('ul.clause-proposals')).toHaveLength(1);
  });

  it('rebuilds only the clause a delta names; every other gutter keeps its very DOM node', () => {
    const { view: v } = open();
    load(v);
    const before = groups(v);
    const built = specs(v);
    send(v, { kind: 'clauses', clauses: [view(C1, 'disputed', { EU: 'accepted', US: 'accepted', RU: 'disputed' })] });
    const after = groups(v);
    expect(after[0]).not.toBe(before[0]);
    expect(after.slice(1)).toEqual(before.slice(1));
    after.slice(1).forEach((g, i) => expect(g).toBe(before[i + 1]));
    expect(specs(v).filter((spec) => spec.clauseId !== C1)).toEqual(built.filter((spec) => spec.clauseId !== C1));
    for (const spec of specs(v)) expect(built.includes(spec)).toBe(spec.clauseId !== C1);
    expect(marker(v, '1', 'RU').getAttribute('aria-label')).toBe('RU: Disputed');
    expect(section(v, C1).getAttribute('data-state')).toBe('disputed');
    expect(section(v, C1).classList.contains('bracketed')).toBe(true);
  });

  it('ignores a delta that changes nothing (main may resend a clause)', () => {
    const { view: v } = open();
    load(v);
    const now = groups(v);
    const held = v.state;
    // The same positions, as fresh objects from another IPC message: same records (signatures).
    const resent = view(C2B, 'reserved', { EU: 'reserved', US: 'accepted-ad-ref', RU: { status: 'open', invalid: 1 } });
    send(v, { kind: 'clauses', clauses: [resent] });
    const copy = { ...resent, parties: resent.parties.map((p) => ({ ...p, record: p.record && { ...p.record } })) };
    send(v, { kind: 'clauses', clauses: [copy] });
    expect(held).not.toBe(v.state);
    groups(v).forEach((g, i) => expect(g === now[i]).toBe(i !== 2));
    const after = groups(v);
    send(v, { kind: 'clauses', clauses: [copy] });
    groups(v).forEach((g, i) => expect(g).toBe(after[i]));
  });

  it('writes the clause state as a presentation attribute: the editor never reads it back as an edit', async () => {
    const { view: v } = open();
    const sections = [C1, C2, C2B, C3].map((id) => section(v, id));
    const before = v.state.doc;
    load(v);
    // Let the DOM observer see the attribute writes.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(v.state.doc).toBe(before);
    [C1, C2, C2B, C3].forEach((id, i) => expect(section(v, id)).toBe(sections[i]));
    expect(section(v, C2).className).toBe('clause bracketed');
  });

  it('maps the gutter through typing: no widget is drawn again', () => {
    const { view: v } = open();
    load(v);
    const before = groups(v);
    const built = specs(v);
    for (const ch of 'More text ') v.dispatch(v.state.tr.insertText(ch, posOf(v.state.doc, 'Two.')));
    // A paragraph split inside a clause is not structural either.
    v.dispatch(v.state.tr.split(posOf(v.state.doc, 'Three.') + 3));
    groups(v).forEach((g, i) => expect(g).toBe(before[i]));
    expect(section(v, C2).getAttribute('data-state')).toBe('disputed');
    // Mapped, not built again: the very same decorations, moved.
    specs(v).forEach((spec, i) => expect(spec).toBe(built[i]));
    expect(group(v, '2')!.closest('section.clause')).toBe(section(v, C2));
    expect(section(v, C2).textContent).toContain('More text Two.');
  });

  it('keeps every gutter’s DOM when y-prosemirror replaces the whole document with the same clauses', () => {
    const { view: v } = open();
    load(v);
    const before = groups(v);
    const tr = v.state.tr.replaceWith(0, v.state.doc.content.size, v.state.doc.content);
    tr.setMeta(ySyncPluginKey, { isChangeOrigin: true });
    v.dispatch(tr);
    groups(v).forEach((g, i) => expect(g).toBe(before[i]));
    expect(section(v, C2).classList.contains('bracketed')).toBe(true);
  });

  it('renames the gutters of renumbered clauses and gives a new clause its own', () => {
    const { view: v } = open();
    load(v);
    const bis = group(v, '2 bis');
    v.dispatch(v.state.tr.insert(posOf(v.state.doc, 'One.') - 2, clause('c-0000000000000000', 'Zero.')));
    expect(groups(v).map((g) => g.getAttribute('aria-label'))).toEqual([
      'Positions on clause 1',
      'Positions on clause 2',
      'Positions on clause 3',
      'Positions on clause 2 bis',
      'Positions on clause 4',
    ]);
    // "2 bis" kept its label, so its gutter was not drawn again.
    expect(group(v, '2 bis')).toBe(bis);
    expect(section(v, 'c-0000000000000000').getAttribute('data-state')).toBe('open');
    expect(section(v, C2).getAttribute('data-state')).toBe('disputed');
    expect(marker(v, '3', 'US').getAttribute('aria-label')).toBe('US: Disputed');
  });

  it('opens the position dialog from the own party’s marker only; other markers just show their tooltip', () => {
    const { view: v, actions } = open();
    load(v);
    marker(v, '2', 'US').click();
    marker(v, '2', 'RU').click();
    expect(actions.openPosition).not.toHaveBeenCalled();
    expect(marker(v, '2', 'US').title).toContain('United States (US): Disputed');
    marker(v, '2', 'EU').click();
    expect(actions.openPosition).toHaveBeenCalledWith(C2);
    group(v, '2')!.querySelector<HTMLButtonElement>('[aria-label="Set position on clause 2"]')!.click();
    expect(actions.openPosition).toHaveBeenCalledTimes(2);
    group(v, '2 bis')!.querySelector<HTMLButtonElement>('[aria-label="History of clause 2 bis"]')!.click();
    expect(actions.openHistory).toHaveBeenCalledWith(C2B);
  });

  it('offers an observer no way to set a position', () => {
    const { view: v, actions } = open();
    load(v, 'observer');
    for (const party of ['EU', 'US', 'RU']) marker(v, '1', party).click();
    expect(actions.openPosition).not.toHaveBeenCalled();
    expect(v.dom.querySelector('[aria-label^="Set position on clause"]')).toBeNull();
    expect(group(v, '1')!.querySelector('[aria-label="History of clause 1"]')).not.toBeNull();
  });

  it('redraws the gutters when the roster changes (the member is enrolled)', () => {
    const { view: v, actions } = open();
    load(v, null);
    expect(v.dom.querySelector('[aria-label="Set position on clause 1"]')).toBeNull();
    send(v, { kind: 'roster', roster: roster('eu') });
    marker(v, '1', 'EU').click();
    expect(actions.openPosition).toHaveBeenCalledWith(C1);
  });
});
