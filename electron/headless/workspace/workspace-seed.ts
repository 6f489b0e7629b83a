import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import type { PositionRecord, RosterEntry } from '../../../shared/positions/model';
import { addPositionRecord } from '../../../shared/positions/positions-doc';
import { addRosterEntry, pinConvener } from '../../../shared/positions/roster-doc';
import type { Signer } from '../../../shared/positions/signing';
import { checkDocument } from '../../../shared/schema/content-check';
import { ORIGIN_COMMAND } from '../../../shared/sync/origins';
import { seedDocument } from '../../../shared/workspace/document-content';
import { checkManifest } from '../../../shared/workspace/manifest-check';
import { MANIFEST_DOC_ID, addDocumentEntry, initManifest, type Party } from '../../../shared/workspace/manifest';
import { conveningEntries } from '../positions/roster-commands';

/** What a new workspace starts with. */
export interface WorkspaceSeed {
  title: string;
  parties: Party[];
  documents: { id: string; title: string; content: unknown }[];
  /**
   * Who convenes it: pinned as the root of trust, with a self-signed `convene` entry and a signed
   * `party` entry per party. Without one the workspace is unconvened (the command line's `new`):
   * its parties are the unsigned list, and no position counts until someone convenes it.
   */
  convener?: { signer: Signer; name: string };
  /** A fixed workspace id, for records signed before the file exists (the sample); otherwise a fresh one. */
  workspaceId?: string;
  /** When the convening is dated (default now); the sample dates it before its positions. */
  convenedAt?: string;
  /** Further signed roster entries (admissions), written with the convening. */
  roster?: RosterEntry[];
  /** Signed positions, by document id. */
  positions?: Record<string, PositionRecord[]>;
}

/**
 * A new workspace's complete initial content, one row per doc, built in memory so the store can
 * write it into the new file before the file appears under its name. Each doc passes the same
 * checks as anything loaded later: the hub stores nothing it has not checked it can read back.
 * `workspaceId` is the id the file will carry (the convening is signed for it).
 */
export function seedRows(seed: WorkspaceSeed, workspaceId: string): { docId: string; data: Uint8Array }[] {
  if (!seed.convener && (seed.roster?.length || Object.keys(seed.positions ?? {}).length)) {
    throw new ChanceryError('INVALID_ARGUMENT', 'A workspace seed with roster entries or positions needs a convener; without one nothing it holds could be trusted.');
  }
  const listed = new Set(seed.documents.map((d) => d.id));
  for (const docId of Object.keys(seed.positions ?? {})) {
    if (!listed.has(docId)) throw new ChanceryError('INVALID_ARGUMENT', `The seed holds positions for document "${docId}", which it does not list.`);
  }
  const manifest = new Y.Doc({ gc: true });
  const rows: { docId: string; data: Uint8Array }[] = [];
  try {
    manifest.transact(() => {
      initManifest(manifest, seed.title, seed.parties, ORIGIN_COMMAND);
      if (seed.convener) {
        const { signer, name } = seed.convener;
        pinConvener(manifest, signer.publicKey, ORIGIN_COMMAND);
        const convening = conveningEntries(workspaceId, signer, name, seed.parties, seed.convenedAt ?? new Date().toISOString());
        for (const entry of [...convening, ...(seed.roster ?? [])]) addRosterEntry(manifest, entry, ORIGIN_COMMAND);
      }
    }, ORIGIN_COMMAND);
    for (const d of seed.documents) {
      const doc = new Y.Doc({ gc: true });
      try {
        seedDocument(doc, d.content, ORIGIN_COMMAND);
        const records = seed.positions?.[d.id] ?? [];
        if (records.length > 0) doc.transact(() => records.forEach((r) => addPositionRecord(doc, r, ORIGIN_COMMAND)), ORIGIN_COMMAND);
        checkDocument(doc);
        rows.push({ docId: d.id, data: Y.encodeStateAsUpdate(doc) });
      } finally {
        doc.destroy();
      }
      addDocumentEntry(manifest, { id: d.id, title: d.title }, ORIGIN_COMMAND);
    }
    checkManifest(manifest);
    return [{ docId: MANIFEST_DOC_ID, data: Y.encodeStateAsUpdate(manifest) }, ...rows];
  } finally {
    manifest.destroy();
  }
}
