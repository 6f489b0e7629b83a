import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import { ROUND_NAME_MAX, type RoundInfo } from '../../../shared/rounds/round-model';
import { documentNode, documentStats } from '../../../shared/workspace/document-content';
import type { VersionRow } from '../store/workspace-store';
import type { WorkspaceStore } from '../store/workspace-store';
import type { WorkspaceSession } from '../workspace/workspace-session';
import { decodeRoundBundle, encodeRoundBundle, type RoundBundle } from './round-bundle';
import { docFrom, RoundSource } from './round-source';

export { RoundSource } from './round-source';

/**
 * Named rounds ("Berlin round"): the whole workspace — every listed document's text and
 * positions, the manifest with its roster — as it stood, kept in the workspace file's `versions`
 * table as full document states (see round-bundle.ts). A round is written once, read back before
 * it counts as stored, and never changed; it is opened read-only for export and comparison.
 * Private delegation notes never enter a round: only the manifest's documents are read.
 *
 * Who may cut: in the app only whoever may hold the pen (the convener); on the command line,
 * anyone with the file (the file is theirs to change), named by their identity if one loads.
 */

/** The name as stored: trimmed, 1..ROUND_NAME_MAX characters, else INVALID_ARGUMENT. */
export function cleanRoundName(name: string): string {
  const clean = name.trim();
  if (clean.length === 0) throw new ChanceryError('INVALID_ARGUMENT', 'A round needs a name, e.g. "Berlin round".');
  if (clean.length > ROUND_NAME_MAX) {
    throw new ChanceryError(
      'INVALID_ARGUMENT',
      `The round name "${clean.slice(0, 40)}…" is ${clean.length} characters long; use at most ${ROUND_NAME_MAX}.`,
    );
  }
  return clean;
}

/**
 * Checks stored round bytes as an opener will read them: digest, id, and every state decodes into
 * a fresh doc whose text converts. Anything wrong -> ROUND_DAMAGED naming the round.
 */
export function checkRoundBytes(data: unknown, name: string, id: string): RoundBundle {
  const bundle = decodeRoundBundle(data, name, id);
  for (const part of [{ id: 'manifest', state: bundle.manifestState, text: false }, ...bundle.docs.map((d) => ({ ...d, text: true }))]) {
    let doc: Y.Doc | null = null;
    try {
      doc = docFrom(part.state);
      if (part.text) documentNode(doc);
    } catch (err) {
      throw new ChanceryError(
        'ROUND_DAMAGED',
        `Round "${name}" cannot be read: its copy of ${part.id === 'manifest' ? 'the list of documents and parties' : `document "${part.id}"`} ` +
          `does not load (${err instanceof Error ? err.message : String(err)}). Restore the workspace from a backup or a colleague's copy.`,
        { cause: err },
      );
    } finally {
      doc?.destroy();
    }
  }
  return bundle;
}

/**
 * Cuts a named round of the whole workspace. Refuses a read-only session, an empty, overlong or
 * taken name (ROUND_EXISTS, case-insensitive) and a workspace with a damaged document
 * (DOCUMENT_DAMAGED): a round must hold everything. Stored only once it reads back whole.
 */
export function cutRound(session: WorkspaceSession, name: string, cutBy: string): RoundInfo {
  const store = session.store;
  if (store.readOnly) {
    throw new ChanceryError('INVALID_ARGUMENT', `${store.path} is open read-only, so no round can be cut in it; open it for editing and try again.`);
  }
  const clean = cleanRoundName(name);
  const rows = store.listVersions();
  const taken = rows.find((r) => r.name.toLocaleLowerCase() === clean.toLocaleLowerCase());
  if (taken) {
    throw new ChanceryError('ROUND_EXISTS', `A round named "${taken.name}" already exists (cut ${taken.createdAt}); choose another name.`);
  }
  const manifest = session.manifest();
  const docs: RoundBundle['docs'] = [];
  let clauses = 0;
  for (const { id, title } of manifest.documents) {
    const doc = session.getDoc(id); // DOCUMENT_DAMAGED names the document and what to do
    clauses += documentStats(documentNode(doc)).clauses;
    docs.push({ id, title, state: Y.encodeStateAsUpdate(doc) });
  }
  const damaged = session.damagedDocuments();
  if (damaged.length > 0) throw new ChanceryError('DOCUMENT_DAMAGED', `No round was cut: ${damaged[0]!.message}`);
  const bundle: RoundBundle = {
    id: randomUUID(),
    cutBy: cutBy.trim() || 'unknown',
    documents: docs.length,
    clauses,
    percent: session.positions.packageAgreement().package.agreement.percent,
    manifestState: Y.encodeStateAsUpdate(session.manifestDoc),
    docs,
  };
  const row: VersionRow = { id: bundle.id, name: clean, createdAt: new Date().toISOString() };
  storeRound(store, row, encodeRoundBundle(bundle));
  return infoOf(row, bundle);
}

/** Inserts a round's row, checked as an opener will read it inside the same transaction. */
export function storeRound(store: WorkspaceStore, row: VersionRow, data: Uint8Array): void {
  store.putVersion({ ...row, data }, (stored) => {
    checkRoundBytes(stored, row.name, row.id);
  });
}

function infoOf(row: VersionRow, bundle: RoundBundle): RoundInfo {
  return {
    id: row.id,
    name: row.name,
    cutAt: row.createdAt,
    cutBy: bundle.cutBy,
    documents: bundle.documents,
    clauses: bundle.clauses,
    percent: bundle.percent,
  };
}

/**
 * Every round of the workspace, oldest first. A round that does not read back is listed with
 * `damaged` saying why (and zero figures), so one damaged round hides none of the others.
 */
export function listRounds(session: WorkspaceSession): RoundInfo[] {
  return session.store.listVersions().map((row) => {
    try {
      const stored = session.store.getVersion(row.id);
      return infoOf(row, decodeRoundBundle(stored?.data, row.name, row.id));
    } catch (err) {
      if (!(err instanceof ChanceryError)) throw err;
      return { id: row.id, name: row.name, cutAt: row.createdAt, cutBy: 'unknown', documents: 0, clauses: 0, percent: 0, damaged: err.message };
    }
  });
}

/** The row `idOrName` names: an id, else the exact name, else the name in any case. */
export function findRoundRow(store: WorkspaceStore, idOrName: string): VersionRow {
  const rows = store.listVersions();
  const wanted = idOrName.trim();
  const row =
    rows.find((r) => r.id === wanted) ??
    rows.find((r) => r.name === wanted) ??
    rows.find((r) => r.name.toLocaleLowerCase() === wanted.toLocaleLowerCase());
  if (row) return row;
  throw new ChanceryError(
    'ROUND_NOT_FOUND',
    `No round named "${idOrName}" in ${store.path}; ` +
      (rows.length === 0 ? 'it has no rounds yet (cut one with "chancery version FILE --name NAME").' : `its rounds are: ${rows.map((r) => `"${r.name}"`).join(', ')}.`),
  );
}

/**
 * Opens a round read-only, by id or name (unknown -> ROUND_NOT_FOUND listing the names; damaged
 * -> ROUND_DAMAGED). Close the source when done.
 */
export function openRound(session: WorkspaceSession, idOrName: string): RoundSource {
  const row = findRoundRow(session.store, idOrName);
  const stored = session.store.getVersion(row.id);
  // The digest proves these are the bytes that were read back whole when the round was stored;
  // decoding them again is the only check left (a Yjs failure here is still a damaged round).
  const bundle = decodeRoundBundle(stored?.data, row.name, row.id);
  try {
    return new RoundSource(infoOf(row, bundle), session.store.meta.workspaceId, bundle, session.positions.signatures);
  } catch (err) {
    if (err instanceof ChanceryError) throw err;
    throw new ChanceryError(
      'ROUND_DAMAGED',
      `Round "${row.name}" cannot be read: its stored documents do not load (${err instanceof Error ? err.message : String(err)}). ` +
        `Restore the workspace from a backup or a colleague's copy.`,
      { cause: err },
    );
  }
}
