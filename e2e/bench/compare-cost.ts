/**
 * Rows 7f and 7g: comparing two named rounds of the large export workspace, measured in this Node
 * process on the production modules. On a writable copy of the file: round 1 cut, 10 % of the
 * clauses edited through a replica as a window would send it (a few words replaced in each, one
 * ProseMirror transaction per document written by y-prosemirror's updateYFragment and pushed
 * through applyRendererUpdate, so positions on those clauses go stale as they would), round 2 cut.
 * Then, each beside its floor, alternating run by run: compareWorkspaces of the two rounds'
 * packages alone, and opening both rounds + building both packages + comparing.
 */
import { copyFileSync } from 'node:fs';
import { EditorState } from 'prosemirror-state';
import { initProseMirrorDoc, updateYFragment, ySyncPluginKey } from 'y-prosemirror';
import * as Y from 'yjs';
import type { ComparedVersion, WorkspaceComparison } from '../../shared/compare/compare-model';
import { compareWorkspaces } from '../../shared/compare/compare-workspaces';
import { buildExportPackage } from '../../shared/export/build-export';
import type { ExportPackage } from '../../shared/export/export-model';
import type { ExportSource } from '../../shared/export/export-source';
import { clauseHashesOfDoc, clauseTextHash } from '../../shared/positions/clause-text';
import type { RoundInfo } from '../../shared/rounds/round-model';
import { chancerySchema, CONTENT_FRAGMENT } from '../../shared/schema/schema';
import { seededRandom } from '../../shared/testing/seeded-random';
import { cutRound, openRound } from '../../electron/headless/rounds/rounds';
import { WorkspaceSession } from '../../electron/headless/workspace/workspace-session';

/** Share of clauses edited between the two rounds. */
const CHANGED_SHARE = 0.1;
/** Words replaced in each edited clause. */
const WORDS_PER_EDIT = 3;
const REPLACEMENTS = ['promptly', 'jointly', 'the Commission', 'forthwith', 'collectively', 'the Mission', 'in good faith', 'expeditiously'];

export interface CompareCost {
  /** compareWorkspaces alone, on the two rounds' packages. */
  compare: number[];
  /** Both rounds' clause texts read from their packages and hashed: the floor of any comparison. */
  compareBaseline: number[];
  /** openRound × 2 + buildExportPackage × 2 + compareWorkspaces. */
  full: number[];
  /** openRound × 2 + every document's node + every clause hashed: reading both rounds at all. */
  fullBaseline: number[];
  clauses: number;
  edited: number;
  wordsReplaced: number;
  counts: WorkspaceComparison['counts'];
  cutMs: number[];
}

/** A PM transaction's worth of word replacements in `share` of the document's clauses; returns the update. */
function editedUpdate(state: Uint8Array, random: () => number, share: number): { update: Uint8Array | null; clauses: number; words: number } {
  const replica = new Y.Doc();
  replica.clientID = 1 + Math.floor(random() * 0x7ffffffe);
  Y.applyUpdate(replica, state);
  const fragment = replica.getXmlFragment(CONTENT_FRAGMENT);
  const { doc, meta } = initProseMirrorDoc(fragment, chancerySchema);
  const edits: { from: number; to: number; text: string }[] = [];
  let clauses = 0;
  doc.forEach((node, offset) => {
    if (node.type.name !== 'clause' || random() >= share) return;
    const words: { from: number; to: number; word: string }[] = [];
    node.descendants((child, pos) => {
      if (!child.isText) return true;
      for (const m of (child.text ?? '').matchAll(/[A-Za-z]{4,}/gu)) {
        const from = offset + 1 + pos + m.index;
        words.push({ from, to: from + m[0].length, word: m[0] });
      }
      return false;
    });
    if (words.length < WORDS_PER_EDIT) return;
    const picked = new Set<number>();
    while (picked.size < WORDS_PER_EDIT) picked.add(Math.floor(random() * words.length));
    for (const k of picked) {
      const w = words[k]!;
      const candidates = REPLACEMENTS.filter((r) => r !== w.word);
      edits.push({ from: w.from, to: w.to, text: candidates[Math.floor(random() * candidates.length)]! });
    }
    clauses += 1;
  });
  if (edits.length === 0) return { update: null, clauses: 0, words: 0 };
  let editor = EditorState.create({ schema: chancerySchema, doc });
  const tr = editor.tr;
  for (const e of edits.sort((a, b) => b.from - a.from)) tr.insertText(e.text, e.from, e.to);
  editor = editor.apply(tr);
  const captured: Uint8Array[] = [];
  replica.on('update', (u: Uint8Array) => captured.push(u));
  replica.transact(() => updateYFragment(replica, fragment, editor.doc, meta), ySyncPluginKey);
  replica.destroy();
  return { update: captured.length ? Y.mergeUpdates(captured) : null, clauses, words: edits.length };
}

function version(info: RoundInfo): ComparedVersion {
  return { name: info.name, roundId: info.id, at: info.cutAt };
}

function clauseHashes(pkg: ExportPackage): number {
  let n = 0;
  for (const d of pkg.documents) for (const item of d.content) if (item.kind === 'clause') n += clauseTextHash(item.node).length > 0 ? 1 : 0;
  return n;
}

function readRoundTexts(source: ExportSource): number {
  let n = 0;
  for (const d of source.documents) n += clauseHashesOfDoc(source.documentNode(d.id)).size;
  return n;
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/** Cuts the two rounds on a copy of `path` (at `copy`) and times the comparisons. */
export async function measureCompare(path: string, copy: string, opts: { runs: number; compareRuns: number; progress: (s: string) => void }): Promise<CompareCost> {
  copyFileSync(path, copy);
  const session = WorkspaceSession.open(copy);
  try {
    opts.progress('compare: cutting round 1, editing 10 % of the clauses, cutting round 2');
    const cutMs: number[] = [];
    const first = timed(() => cutRound(session, 'Bench round 1', 'Bench convener'));
    cutMs.push(first.ms);
    const random = seededRandom(31);
    let edited = 0;
    let wordsReplaced = 0;
    for (const d of session.manifest().documents) {
      const r = editedUpdate(Y.encodeStateAsUpdate(session.getDoc(d.id)), random, CHANGED_SHARE);
      if (r.update) session.applyRendererUpdate(d.id, r.update, 1);
      edited += r.clauses;
      wordsReplaced += r.words;
    }
    const second = timed(() => cutRound(session, 'Bench round 2', 'Bench convener'));
    cutMs.push(second.ms);
    const older = version(first.value);
    const newer = version(second.value);

    const buildBoth = () => {
      const a = openRound(session, older.roundId!);
      const b = openRound(session, newer.roundId!);
      try {
        return [buildExportPackage(a), buildExportPackage(b)] as const;
      } finally {
        a.close();
        b.close();
      }
    };
    const full = () => {
      const [a, b] = buildBoth();
      return compareWorkspaces(a, b, { older, newer });
    };
    const fullBaseline = () => {
      const a = openRound(session, older.roundId!);
      const b = openRound(session, newer.roundId!);
      try {
        return readRoundTexts(a) + readRoundTexts(b);
      } finally {
        a.close();
        b.close();
      }
    };
    opts.progress(`compare: two rounds of the large workspace (${opts.runs} runs of compare alone, ${opts.compareRuns} of open + build + compare, each beside its baseline)`);
    // Warm-ups: building both packages (opens and builds), one comparison, one hashing pass.
    const [pa, pb] = buildBoth();
    const counts = compareWorkspaces(pa, pb, { older, newer }).counts;
    const cost: CompareCost = { compare: [], compareBaseline: [], full: [], fullBaseline: [], clauses: clauseHashes(pa), edited, wordsReplaced, counts, cutMs };
    const alternate = (runs: number, a: [number[], () => unknown], b: [number[], () => unknown]) => {
      for (let k = 0; k < runs; k++) for (const [samples, fn] of k % 2 === 0 ? [a, b] : [b, a]) samples.push(timed(fn).ms);
    };
    alternate(opts.runs, [cost.compare, () => compareWorkspaces(pa, pb, { older, newer })], [cost.compareBaseline, () => clauseHashes(pa) + clauseHashes(pb)]);
    alternate(opts.compareRuns, [cost.full, full], [cost.fullBaseline, fullBaseline]);
    return cost;
  } finally {
    session.close();
  }
}
