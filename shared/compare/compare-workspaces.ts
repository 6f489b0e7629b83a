import type { ExportBlock, ExportClause, ExportDocument, ExportPackage, ExportParty } from '../export/export-model';
import type {
  BlockComparison,
  ClauseComparison,
  ComparedVersion,
  ComparisonCounts,
  DiffParagraph,
  DocumentComparison,
  WorkspaceComparison,
} from './compare-model';
import { diffArrays } from 'diff';
import { findMoves, mergeReadingOrder } from './clause-alignment';
import { positionChanges } from './position-changes';
import { comparableParagraphs, countWords, diffParagraphs, equalParagraphs, wholeParagraphs } from './word-diff';

/**
 * The comparison behind every redline (in the app, DOCX, HTML, Markdown, PDF): two export
 * packages of one workspace — two named rounds, or a round and the current text — aligned
 * document by document (by id) and clause by clause (by stable clause id, never by position).
 * Built from export packages, not raw documents, so the labels, states and positions a redline
 * shows are the very ones the marked-up export of each version prints. Only clauses whose words
 * differ are diffed, which keeps a 150k-word package well under a second.
 */

type Item = DocumentComparison['items'][number];

/** All counts at zero, to add to. */
export function emptyCounts(): ComparisonCounts {
  return { changed: 0, added: 0, removed: 0, moved: 0, renumbered: 0, positionChanges: 0, wordsInserted: 0, wordsDeleted: 0 };
}

function addCounts(into: ComparisonCounts, from: ComparisonCounts): void {
  for (const key of Object.keys(into) as (keyof ComparisonCounts)[]) into[key] += from[key];
}

function countItems(items: readonly Item[]): ComparisonCounts {
  const counts = emptyCounts();
  for (const item of items) {
    const paragraphs = item.kind === 'clause' ? item.clause.paragraphs : item.paragraphs;
    const words = countWords(paragraphs);
    counts.wordsInserted += words.inserted;
    counts.wordsDeleted += words.deleted;
    if (item.kind !== 'clause') continue;
    const c = item.clause;
    if (c.kind === 'changed') counts.changed += 1;
    else if (c.kind === 'added') counts.added += 1;
    else if (c.kind === 'removed') counts.removed += 1;
    if (c.moved) counts.moved += 1;
    if (c.renumbered) counts.renumbered += 1;
    counts.positionChanges += c.positionChanges.length;
  }
  return counts;
}

function blockLevel(block: ExportBlock): number {
  return block.node.type.name === 'paragraph' ? ((block.node.attrs.level as number | undefined) ?? 0) : 0;
}

function blockItem(level: number, paragraphs: DiffParagraph[]): BlockComparison {
  return { kind: 'block', level, paragraphs };
}

/** A clause keyed by id; a repeated id (transient, before the hub repairs it) keeps its later copies apart. */
function clauseKeys(content: ExportDocument['content']): Map<string, ExportClause> {
  const byKey = new Map<string, ExportClause>();
  for (const entry of content) {
    if (entry.kind !== 'clause') continue;
    let key = entry.id;
    for (let n = 2; byKey.has(key); n++) key = `${entry.id}#${n}`;
    byKey.set(key, entry);
  }
  return byKey;
}

function keyedContent(content: ExportDocument['content']): { keys: string[]; clauses: Map<string, ExportClause> } {
  const clauses = clauseKeys(content);
  const keyOf = new Map<ExportClause, string>([...clauses].map(([k, c]) => [c, k]));
  const keys = content.map((entry, i) => (entry.kind === 'clause' ? `c:${keyOf.get(entry)!}` : `b:${i}`));
  return { keys, clauses };
}

function compareClause(
  id: string,
  key: string,
  older: ExportClause | undefined,
  newer: ExportClause | undefined,
  parties: readonly ExportParty[],
  moves: ReturnType<typeof findMoves>,
  newLabelOf: Map<string, string>,
): ClauseComparison {
  if (!newer) {
    return {
      id,
      kind: 'removed',
      oldLabel: older!.label,
      renumbered: false,
      moved: false,
      oldState: older!.state,
      paragraphs: wholeParagraphs(comparableParagraphs(older!.node), 'delete'),
      positionChanges: [],
    };
  }
  const newParas = comparableParagraphs(newer.node);
  if (!older) {
    return {
      id,
      kind: 'added',
      newLabel: newer.label,
      renumbered: false,
      moved: false,
      newState: newer.state,
      paragraphs: wholeParagraphs(newParas, 'insert'),
      positionChanges: positionChanges(undefined, newer, parties),
    };
  }
  const oldParas = comparableParagraphs(older.node);
  const same = oldParas.join(' ') === newParas.join(' ');
  const moved = moves.moved.has(key);
  const before = moved ? (moves.fromAfter.get(key) ?? null) : null;
  return {
    id,
    kind: same ? 'unchanged' : 'changed',
    oldLabel: older.label,
    newLabel: newer.label,
    renumbered: older.label !== newer.label,
    moved,
    ...(moved ? { movedFromAfter: before === null ? null : (newLabelOf.get(before) ?? null) } : {}),
    oldState: older.state,
    newState: newer.state,
    paragraphs: same ? equalParagraphs(newParas) : diffParagraphs(oldParas, newParas),
    positionChanges: positionChanges(older, newer, parties),
  };
}

/**
 * Non-clause blocks, aligned by order: diffArrays over their texts; a block deleted where another
 * of the same level was inserted is word-diffed against it. Returns, per older block index, the
 * newer block index it survives as (absent when it is gone), and the comparison per block.
 */
function alignBlocks(
  older: readonly ExportBlock[],
  newer: readonly ExportBlock[],
): { olderToNewer: Map<number, number>; newerItems: BlockComparison[]; olderOnly: Map<number, BlockComparison> } {
  const oldParas = older.map((b) => comparableParagraphs(b.node));
  const newParas = newer.map((b) => comparableParagraphs(b.node));
  const olderToNewer = new Map<number, number>();
  const newerItems: BlockComparison[] = [];
  const olderOnly = new Map<number, BlockComparison>();
  const changes = diffArrays(
    oldParas.map((p, i) => `${blockLevel(older[i]!)}\u0000${p.join('\n')}`),
    newParas.map((p, i) => `${blockLevel(newer[i]!)}\u0000${p.join('\n')}`),
  );
  let o = 0;
  let n = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const count = change.value.length;
    if (!change.added && !change.removed) {
      for (let k = 0; k < count; k++, o++, n++) {
        olderToNewer.set(o, n);
        newerItems[n] = blockItem(blockLevel(newer[n]!), equalParagraphs(newParas[n]!));
      }
    } else if (change.removed) {
      const next = changes[i + 1];
      const inserted = next?.added ? next.value.length : 0;
      for (let k = 0; k < count; k++, o++) {
        if (k < inserted && blockLevel(older[o]!) === blockLevel(newer[n + k]!)) {
          olderToNewer.set(o, n + k);
          newerItems[n + k] = blockItem(blockLevel(newer[n + k]!), diffParagraphs(oldParas[o]!, newParas[n + k]!));
        } else {
          olderOnly.set(o, blockItem(blockLevel(older[o]!), wholeParagraphs(oldParas[o]!, 'delete')));
        }
      }
      if (next?.added) {
        for (let k = 0; k < inserted; k++, n++) {
          newerItems[n] ??= blockItem(blockLevel(newer[n]!), wholeParagraphs(newParas[n]!, 'insert'));
        }
        i += 1;
      }
    } else {
      for (let k = 0; k < count; k++, n++) newerItems[n] = blockItem(blockLevel(newer[n]!), wholeParagraphs(newParas[n]!, 'insert'));
    }
  }
  return { olderToNewer, newerItems, olderOnly };
}

function compareDocument(
  older: ExportDocument | undefined,
  newer: ExportDocument | undefined,
  parties: readonly ExportParty[],
): DocumentComparison {
  const oldContent = older?.content ?? [];
  const newContent = newer?.content ?? [];
  const oldKeyed = keyedContent(oldContent);
  const newKeyed = keyedContent(newContent);
  const oldClauseKeys = [...oldKeyed.clauses.keys()];
  const newClauseKeys = [...newKeyed.clauses.keys()];
  const moves = findMoves(oldClauseKeys, newClauseKeys);
  const newLabelOf = new Map([...newKeyed.clauses].map(([k, c]) => [k, c.label]));

  const oldBlocks: { index: number; block: ExportBlock }[] = [];
  const newBlocks: { index: number; block: ExportBlock }[] = [];
  oldContent.forEach((e, index) => e.kind === 'block' && oldBlocks.push({ index, block: e }));
  newContent.forEach((e, index) => e.kind === 'block' && newBlocks.push({ index, block: e }));
  const blocks = alignBlocks(
    oldBlocks.map((b) => b.block),
    newBlocks.map((b) => b.block),
  );

  const oldBlockOf = new Map(oldBlocks.map((b, bi) => [b.index, bi]));
  // Older keys in the newer key space (null: only the older version has it).
  const olderKeys = oldContent.map((entry, i) => {
    const key = oldKeyed.keys[i]!;
    if (entry.kind === 'clause') return newKeyed.clauses.has(key.slice(2)) ? key : null;
    const survives = blocks.olderToNewer.get(oldBlockOf.get(i)!);
    return survives === undefined ? null : `b:${newBlocks[survives]!.index}`;
  });
  const items: Item[] = [];
  let newBlock = 0;
  const movedKeys = new Set([...moves.moved].map((k) => `c:${k}`));
  for (const at of mergeReadingOrder(olderKeys, newKeyed.keys, movedKeys)) {
    const content = at.side === 'newer' ? newContent : oldContent;
    const entry = content[at.index]!;
    if (entry.kind === 'clause') {
      const key = (at.side === 'newer' ? newKeyed : oldKeyed).keys[at.index]!.slice(2);
      const o = oldKeyed.clauses.get(key);
      const n = at.side === 'newer' ? newKeyed.clauses.get(key) : undefined;
      items.push({ kind: 'clause', clause: compareClause(entry.id, key, o, n, parties, moves, newLabelOf) });
    } else if (at.side === 'newer') {
      items.push(blocks.newerItems[newBlock++]!);
    } else {
      items.push(blocks.olderOnly.get(oldBlockOf.get(at.index)!)!);
    }
  }
  const doc = (newer ?? older)!;
  return {
    id: doc.id,
    title: doc.title,
    ...(older && newer && older.title !== newer.title ? { oldTitle: older.title } : {}),
    presence: older && newer ? 'both' : newer ? 'added' : 'removed',
    items,
    counts: countItems(items),
  };
}

/**
 * Compares two versions of a workspace. `older` and `newer` are export packages of the same
 * workspace (the newer one's title and party list are the comparison's); `versions` names them
 * for the cover ("Berlin round" → "Current text"). Documents come in the newer order, a removed
 * one after the document it followed.
 */
export function compareWorkspaces(
  older: ExportPackage,
  newer: ExportPackage,
  versions: { older: ComparedVersion; newer: ComparedVersion },
): WorkspaceComparison {
  const olderDocs = new Map(older.documents.map((d) => [d.id, d]));
  const newerDocs = new Map(newer.documents.map((d) => [d.id, d]));
  const order = mergeReadingOrder(
    older.documents.map((d) => (newerDocs.has(d.id) ? d.id : null)),
    newer.documents.map((d) => d.id),
  );
  const documents = order.map((at) => {
    const doc = at.side === 'newer' ? newer.documents[at.index]! : older.documents[at.index]!;
    return compareDocument(olderDocs.get(doc.id), newerDocs.get(doc.id), newer.parties);
  });
  const counts = emptyCounts();
  for (const d of documents) addCounts(counts, d.counts);
  return {
    workspaceId: newer.workspaceId,
    title: newer.title,
    older: versions.older,
    newer: versions.newer,
    documents,
    counts,
  };
}
