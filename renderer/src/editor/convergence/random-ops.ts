import { AllSelection, NodeSelection, TextSelection } from 'prosemirror-state';
import { enclosingList } from '../commands';
import { TOOLBAR_ACTIONS, type ToolbarActionName } from '../toolbar-actions';
import type { Peer } from './peer';
import { allGaps, gapsIn, textblocks } from './tokens';

/**
 * What the random user of the convergence test does, as a user would: put the cursor or a
 * selection somewhere (always between tokens, see tokens.ts), then type, press a key or click a
 * toolbar button. Each op names its kind, so lost text can be reported by what caused it.
 */

export interface OpContext {
  random: () => number;
  /** The next unique token this peer types, e.g. "{b17}". */
  nextToken: () => string;
}

/** Performs the op; may return a finer name for what it did (e.g. "kind" for a list button). */
type Op = (peer: Peer, ctx: OpContext) => string | void;

const pick = <T>(random: () => number, items: readonly T[]): T | undefined =>
  items.length ? items[Math.floor(random() * items.length)] : undefined;

function toolbar(name: ToolbarActionName): Op {
  const action = TOOLBAR_ACTIONS.find((a) => a.name === name);
  if (!action?.command) throw new Error(`No toolbar command "${name}"`);
  const command = action.command;
  return (peer) => {
    peer.run(command);
  };
}

function cursorAtGap(peer: Peer, random: () => number): boolean {
  const pos = pick(random, allGaps(peer.view.state.doc));
  if (pos === undefined) return false;
  peer.select(TextSelection.create(peer.view.state.doc, pos));
  return true;
}

/** A cursor at a gap, or (sometimes) a range between two gaps of the same or nearby blocks. */
function cursorOrRange(peer: Peer, random: () => number): boolean {
  const gaps = allGaps(peer.view.state.doc);
  if (gaps.length === 0) return false;
  const i = Math.floor(random() * gaps.length);
  const j = random() < 0.6 ? i : Math.min(gaps.length - 1, i + Math.floor(random() * 6));
  peer.select(TextSelection.create(peer.view.state.doc, gaps[i]!, gaps[j]!));
  return true;
}

function atBlockEdge(peer: Peer, random: () => number, edge: 'start' | 'end'): boolean {
  const block = pick(random, textblocks(peer.view.state.doc));
  if (!block) return false;
  const gaps = gapsIn(block);
  peer.select(TextSelection.create(peer.view.state.doc, edge === 'start' ? gaps[0]! : gaps[gaps.length - 1]!));
  return true;
}

function then(place: (peer: Peer, random: () => number) => boolean, act: Op, refine?: (peer: Peer) => string): Op {
  return (peer, ctx) => {
    if (!place(peer, ctx.random)) return;
    const detail = refine?.(peer);
    act(peer, ctx);
    return detail;
  };
}

const press =
  (key: string, mods?: Parameters<Peer['press']>[1]): Op =>
  (peer) => {
    peer.press(key, mods);
  };

const typeToken: Op = (peer, ctx) => {
  peer.view.dispatch(peer.view.state.tr.insertText(ctx.nextToken()));
};

function selectClause(peer: Peer, random: () => number): boolean {
  const clauses: number[] = [];
  peer.view.state.doc.forEach((node, offset) => {
    if (node.type.name === 'clause') clauses.push(offset);
  });
  const pos = pick(random, clauses);
  if (pos === undefined) return false;
  peer.select(NodeSelection.create(peer.view.state.doc, pos));
  return true;
}

function rangeAcross(peer: Peer, random: () => number): boolean {
  const gaps = allGaps(peer.view.state.doc);
  if (gaps.length < 2) return false;
  const i = Math.floor(random() * gaps.length);
  const j = Math.min(gaps.length - 1, i + 1 + Math.floor(random() * 4));
  peer.select(TextSelection.create(peer.view.state.doc, gaps[i]!, gaps[j]!));
  return true;
}

function listKind(peer: Peer): string | null {
  const list = enclosingList(peer.view.state)?.node;
  if (!list) return null;
  return list.type.name === 'list' ? (list.attrs.kind as string) : list.type.name === 'bullet_list' ? 'bullet' : 'ordered';
}

/** What a list button will do once the selection is placed: wrap, switch the kind, or lift. */
function listAction(kind: 'bullet' | 'ordered') {
  return (peer: Peer) => {
    const current = listKind(peer);
    return current === null ? 'wrap' : current === kind ? 'lift' : 'kind';
  };
}

interface OpSpec {
  kind: string;
  weight: number;
  run: Op;
}

/** The ops and how often the random user picks each (weights). */
export const OPS: readonly OpSpec[] = [
  { kind: 'type', weight: 30, run: then(cursorAtGap, typeToken) },
  { kind: 'enter', weight: 10, run: then(cursorAtGap, press('Enter')) },
  { kind: 'backspace', weight: 7, run: then((p, r) => atBlockEdge(p, r, 'start'), press('Backspace')) },
  { kind: 'delete', weight: 5, run: then((p, r) => atBlockEdge(p, r, 'end'), press('Delete')) },
  { kind: 'rangeDelete', weight: 6, run: then(rangeAcross, press('Backspace')) },
  { kind: 'bulletList', weight: 5, run: then(cursorOrRange, toolbar('Bulleted list'), listAction('bullet')) },
  { kind: 'numberedList', weight: 5, run: then(cursorOrRange, toolbar('Numbered list'), listAction('ordered')) },
  { kind: 'sink', weight: 3, run: then(cursorAtGap, press('Tab')) },
  { kind: 'lift', weight: 3, run: then(cursorAtGap, press('Tab', { shift: true })) },
  { kind: 'heading', weight: 3, run: (peer, ctx) => then(cursorAtGap, press(String(1 + Math.floor(ctx.random() * 3)), { mod: true, alt: true }))(peer, ctx) },
  { kind: 'paragraph', weight: 2, run: then(cursorOrRange, toolbar('Paragraph')) },
  { kind: 'insertClause', weight: 4, run: then(cursorAtGap, press('Enter', { mod: true })) },
  { kind: 'makeClause', weight: 2, run: then(cursorOrRange, toolbar('Clause')) },
  { kind: 'deleteClause', weight: 1, run: then(selectClause, press('Backspace')) },
  {
    kind: 'deleteAll',
    weight: 0.25,
    run: (peer) => {
      peer.select(new AllSelection(peer.view.state.doc));
      peer.press('Backspace');
    },
  },
  { kind: 'bold', weight: 2, run: then(cursorOrRange, press('b', { mod: true })) },
  { kind: 'undo', weight: 5, run: press('z', { mod: true }) },
  { kind: 'redo', weight: 2, run: press('z', { mod: true, shift: true }) },
];

const totalWeight = OPS.reduce((sum, op) => sum + op.weight, 0);

export function pickOp(random: () => number): (typeof OPS)[number] {
  let at = random() * totalWeight;
  for (const op of OPS) {
    at -= op.weight;
    if (at < 0) return op;
  }
  return OPS[OPS.length - 1]!;
}
