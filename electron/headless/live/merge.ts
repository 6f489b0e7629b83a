import * as Y from 'yjs';
import { ChanceryError, isChanceryError } from '../../../shared/errors';
import type { MergedDocument, MergeReport } from '../../../shared/live/live-model';
import { privateDocId } from '../../../shared/live/relay-names';
import { yClauseHashes } from '../../../shared/positions/clause-text';
import { positionsMap } from '../../../shared/positions/positions-doc';
import { readRosterEntries } from '../../../shared/positions/roster-doc';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import { WorkspaceSession } from '../workspace/workspace-session';
import { basename } from 'node:path';
import { checkRoundBytes, storeRound } from '../rounds/rounds';
import { ROUND_NAME_MAX } from '../../../shared/rounds/round-model';

/**
 * Merging a colleague's copy of the workspace file into this one (an exchange on a USB stick, no
 * network): a CRDT merge through the hub's one path for other copies' updates, so the same checks
 * apply as to anything from the relay, and text of ours the other copy deleted without having
 * seen it is kept (its state vector says exactly what it had seen). Merging the same file again
 * changes nothing and says so.
 */

/** Who the lost-text notice says deleted text that arrived with a merged file. */
export const MERGED_COPY = 'a merged copy';

export interface MergeOptions {
  /** This member's party: its private document is merged too; no other party's ever is. */
  ownParty?: string | null;
}

/** The doc, or null when this copy has no readable text for it (not arrived, or damaged). */
function docOrNull(session: WorkspaceSession, docId: string): Y.Doc | null {
  try {
    return session.getDoc(docId);
  } catch (err) {
    if (isChanceryError(err, 'DOCUMENT_DAMAGED') || isChanceryError(err, 'DOCUMENT_NOT_FOUND')) return null;
    throw err;
  }
}

/** What a framework document holds that the report counts. */
function contentOf(doc: Y.Doc | null): { clauses: Map<string, string>; positions: number } {
  if (!doc) return { clauses: new Map(), positions: 0 };
  return { clauses: yClauseHashes(doc.getXmlFragment(CONTENT_FRAGMENT)), positions: positionsMap(doc).size };
}

/**
 * Brings in what `source`'s copy of `docId` has and `target`'s lacks. Returns whether the target
 * changed and how many texts the hub kept.
 */
function mergeDoc(target: WorkspaceSession, source: WorkspaceSession, docId: string): { changed: boolean; kept: number; damaged?: string } {
  const from = docOrNull(source, docId);
  if (!from) {
    const damaged = source.damagedDocuments().find((d) => d.docId === docId);
    return damaged ? { changed: false, kept: 0, damaged: damaged.message } : { changed: false, kept: 0 };
  }
  const into = docOrNull(target, docId);
  const diff = Y.encodeStateAsUpdate(from, into ? Y.encodeStateVector(into) : undefined);
  if (into && Y.snapshotContainsUpdate(Y.snapshot(into), diff)) return { changed: false, kept: 0 };
  const before = into ? Y.snapshot(into) : null;
  const { kept } = target.applyPeerUpdate(docId, diff, { by: MERGED_COPY, seen: Y.decodeStateVector(Y.encodeStateVector(from)) });
  const after = Y.snapshot(target.getDoc(docId));
  return { changed: before === null || !Y.equalSnapshots(before, after), kept };
}

/** WRONG_WORKSPACE, naming both, unless `source` is a copy of `target`'s workspace. */
export function requireSameWorkspace(target: WorkspaceSession, source: WorkspaceSession, sourcePath: string): void {
  const targetId = target.store.meta.workspaceId;
  const sourceId = source.store.meta.workspaceId;
  if (sourceId === targetId) return;
  throw new ChanceryError(
    'WRONG_WORKSPACE',
    `${sourcePath} is a copy of "${source.manifest().title}" (workspace ${sourceId}), not of "${target.manifest().title}" (workspace ${targetId}); nothing was merged.`,
  );
}

/**
 * Merges the workspace file at `sourcePath` (opened read-only, never changed) into `target`:
 * the manifest first, then every document the merged manifest lists, then this member's own
 * private document only. A file of another workspace is refused (WRONG_WORKSPACE) before
 * anything changes; an update the hub refuses stops the merge with its INVALID_UPDATE, leaving
 * what was merged before it (each document is merged whole or not at all).
 */
export function mergeWorkspaceFile(target: WorkspaceSession, sourcePath: string, options: MergeOptions = {}): MergeReport {
  const source = WorkspaceSession.openReadOnly(sourcePath);
  try {
    requireSameWorkspace(target, source, sourcePath);
    const targetId = target.store.meta.workspaceId;
    const docsBefore = new Set(target.manifest().documents.map((d) => d.id));
    const rosterBefore = readRosterEntries(target.manifestDoc).length;
    const manifest = mergeDoc(target, source, MANIFEST_DOC_ID);
    let textKept = manifest.kept;
    const documents: MergedDocument[] = [];
    const unreadable: NonNullable<MergeReport['unreadable']> = [];
    if (manifest.damaged) unreadable.push({ docId: MANIFEST_DOC_ID, title: 'the list of documents and parties', message: manifest.damaged });
    for (const { id, title } of target.manifest().documents) {
      const before = contentOf(docOrNull(target, id));
      const merged = mergeDoc(target, source, id);
      if (merged.damaged) unreadable.push({ docId: id, title, message: merged.damaged });
      textKept += merged.kept;
      const after = contentOf(docOrNull(target, id));
      let clausesAdded = 0;
      let clausesChanged = 0;
      for (const [clauseId, hash] of after.clauses) {
        const was = before.clauses.get(clauseId);
        if (was === undefined) clausesAdded += 1;
        else if (was !== hash) clausesChanged += 1;
      }
      documents.push({ docId: id, title, changed: merged.changed, clausesAdded, clausesChanged, positionsAdded: Math.max(0, after.positions - before.positions) });
    }
    let privateChanged = false;
    if (options.ownParty) {
      const merged = mergeDoc(target, source, privateDocId(options.ownParty));
      privateChanged = merged.changed;
      textKept += merged.kept;
    }
    const documentsAdded = target.manifest().documents.filter((d) => !docsBefore.has(d.id)).length;
    const rounds = mergeRounds(target, source, sourcePath, unreadable);
    return {
      source: sourcePath,
      workspaceId: targetId,
      changed: manifest.changed || privateChanged || documents.some((d) => d.changed) || rounds > 0,
      documents,
      documentsAdded,
      rosterEntriesAdded: readRosterEntries(target.manifestDoc).length - rosterBefore,
      textKept,
      ...(unreadable.length > 0 ? { unreadable } : {}),
      ...(rounds > 0 ? { rounds } : {}),
    };
  } finally {
    source.close();
  }
}

/**
 * Copies the named rounds `source` has and `target` lacks (same id = same round, skipped). Each is
 * checked as an opener reads it, and stored only once read back; a damaged one is reported in
 * `unreadable` and not copied. A different round under a name the target uses already keeps both,
 * the copy's name suffixed " (from <file>)". Returns how many were copied.
 */
function mergeRounds(target: WorkspaceSession, source: WorkspaceSession, sourcePath: string, unreadable: NonNullable<MergeReport['unreadable']>): number {
  const have = target.store.listVersions();
  const ids = new Set(have.map((r) => r.id));
  const names = new Set(have.map((r) => r.name.toLocaleLowerCase()));
  let copied = 0;
  for (const row of source.store.listVersions()) {
    if (ids.has(row.id)) continue;
    const data = source.store.getVersion(row.id)?.data;
    try {
      checkRoundBytes(data, row.name, row.id);
    } catch (err) {
      if (!isChanceryError(err, 'ROUND_DAMAGED')) throw err;
      unreadable.push({ docId: row.id, title: `round “${row.name}”`, message: err.message });
      continue;
    }
    const name = freeName(row.name, names, basename(sourcePath));
    storeRound(target.store, { ...row, name }, data as Uint8Array);
    ids.add(row.id);
    names.add(name.toLocaleLowerCase());
    copied += 1;
  }
  return copied;
}

/** `name`, or `name (from file)`, `name (from file) 2`, … whichever is free (case-insensitive), within ROUND_NAME_MAX. */
function freeName(name: string, taken: ReadonlySet<string>, file: string): string {
  if (!taken.has(name.toLocaleLowerCase())) return name;
  for (let n = 1; ; n++) {
    const suffix = ` (from ${file})${n > 1 ? ` ${n}` : ''}`;
    const candidate = `${name.slice(0, Math.max(1, ROUND_NAME_MAX - suffix.length))}${suffix}`.slice(0, ROUND_NAME_MAX);
    if (!taken.has(candidate.toLocaleLowerCase())) return candidate;
  }
}

/** The report in words, for the command line. */
export function formatMergeReport(report: MergeReport): string {
  const damaged = (report.unreadable ?? []).map((d) => `  ${d.title} (${d.docId}) could not be read in ${report.source}, so nothing of it was merged: it is damaged there`);
  if (!report.changed) {
    return damaged.length === 0
      ? `Nothing to merge: this copy already has everything in ${report.source}.`
      : [`Nothing else to merge from ${report.source}:`, ...damaged].join('\n');
  }
  const lines = [`Merged ${report.source}:`, ...damaged];
  if (report.documentsAdded > 0) lines.push(`  ${report.documentsAdded} document(s) added`);
  if (report.rosterEntriesAdded > 0) lines.push(`  ${report.rosterEntriesAdded} roster entr${report.rosterEntriesAdded === 1 ? 'y' : 'ies'} added`);
  for (const d of report.documents) {
    if (!d.changed) continue;
    lines.push(`  ${d.title} (${d.docId}): ${d.clausesAdded} clause(s) added, ${d.clausesChanged} changed, ${d.positionsAdded} position(s) added`);
  }
  if (report.rounds) lines.push(`  ${report.rounds} named round(s) added`);
  if (report.textKept > 0) lines.push(`  ${report.textKept} passage(s) of your text the other copy deleted unseen were kept: open the workspace to restore them`);
  return lines.join('\n');
}
