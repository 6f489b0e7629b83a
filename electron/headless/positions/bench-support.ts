import * as Y from 'yjs';
import { clauseHashesOfDoc } from '../../../shared/positions/clause-text';
import type { PositionRecord, PositionStatus, RosterEntry } from '../../../shared/positions/model';
import { judgeRecord } from '../../../shared/positions/position-resolution';
import { readPositionEntries } from '../../../shared/positions/positions-doc';
import { ResolvedRoster } from '../../../shared/positions/roster';
import { pinnedConvener, readRosterEntries } from '../../../shared/positions/roster-doc';
import { SignatureCache, signPosition, signRosterEntry, type Signer } from '../../../shared/positions/signing';
import { chancerySchema, CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { readManifest } from '../../../shared/workspace/manifest';
import { generateKeyPair, nodeEd25519, signerFromPrivateKey } from '../crypto/node-ed25519';
import type { WorkspaceSeed } from '../workspace/workspace-seed';
import type { WorkspaceSession } from '../workspace/workspace-session';

/**
 * What the benchmark needs to measure positions on large workspaces (the bench itself lives in
 * e2e/bench): a generated seed turned into a convened one where every clause carries every
 * party's signed position, a cold verification of every signature as an open performs it, and a
 * replica that types into a clause as a window would. Not used by the app.
 */

/** A seed with signed positions, and the keys that signed them (so a bench can sign more). */
export interface SignedBenchSeed {
  seed: WorkspaceSeed;
  convener: Signer;
  heads: Record<string, Signer>;
  records: number;
}

const newSigner = (): Signer => signerFromPrivateKey(generateKeyPair().privateKey);

/** Mostly acceptances, as in a late round; every eighth position a dispute with wording, some ad ref and reservations. */
function statusFor(clauseIndex: number, partyIndex: number): PositionStatus {
  const k = (clauseIndex * 7 + partyIndex * 13) % 40;
  if (k < 5) return 'disputed';
  if (k < 7) return 'reserved';
  if (k < 11) return 'accepted-ad-ref';
  return 'accepted';
}

/**
 * Convenes `seed` (a generated workspace, e.g. `generatedSeed(…)` of e2e/bench/generate-workspace.ts)
 * and gives every clause of every document one signed position per party, each party's by its own
 * head. The workspace id is fixed in the seed so the records verify once the file exists.
 */
export function signedBenchSeed(seed: WorkspaceSeed, workspaceId = 'bench-positions'): SignedBenchSeed {
  const convener = newSigner();
  const heads: Record<string, Signer> = {};
  const start = Date.UTC(2026, 0, 5, 9);
  const at = (offset: number) => new Date(start + offset).toISOString();
  const roster: RosterEntry[] = seed.parties.map((party, i) => {
    const head = (heads[party.code] = newSigner());
    return signRosterEntry(
      { v: 1, workspaceId, at: at(60_000 * (i + 1)), signer: convener.publicKey, action: 'admit', key: head.publicKey, name: `Head of ${party.code}`, role: 'head', party: party.code },
      convener,
    );
  });
  const positions: Record<string, PositionRecord[]> = {};
  let records = 0;
  for (const d of seed.documents) {
    const hashes = clauseHashesOfDoc(chancerySchema.nodeFromJSON(d.content));
    const list: PositionRecord[] = (positions[d.id] = []);
    let clauseIndex = 0;
    for (const [clauseId, textHash] of hashes) {
      seed.parties.forEach((party, partyIndex) => {
        const status = statusFor(clauseIndex, partyIndex);
        const head = heads[party.code]!;
        list.push(
          signPosition(
            {
              v: 1,
              workspaceId,
              docId: d.id,
              clauseId,
              party: party.code,
              status,
              textHash,
              ...(status === 'disputed' ? { proposal: 'The Parties shall consult before any such measure is taken.' } : {}),
              at: at(86_400_000 + clauseIndex * 1000 + partyIndex),
              member: head.publicKey,
            },
            head,
          ),
        );
        records += 1;
      });
      clauseIndex += 1;
    }
  }
  return {
    seed: { ...seed, workspaceId, convener: { signer: convener, name: 'Bench convener' }, convenedAt: at(0), roster, positions },
    convener,
    heads,
    records,
  };
}

/**
 * Verifies every roster entry and every stored position of an open workspace from scratch (a
 * fresh signature memo, as at open), reading each document's records; returns how many records
 * were checked and how many are valid. What "verify every signature at open" costs, without the
 * document loading around it (load the documents first to leave that out of the timing).
 */
export function verifyEverySignature(session: WorkspaceSession): { records: number; valid: number } {
  const signatures = new SignatureCache(nodeEd25519);
  const manifestDoc = session.manifestDoc;
  const workspaceId = session.store.meta.workspaceId;
  const roster = ResolvedRoster.resolve({
    workspaceId,
    convener: pinnedConvener(manifestDoc),
    entries: readRosterEntries(manifestDoc),
    legacyParties: readManifest(manifestDoc).parties,
    signatures,
  });
  let records = roster.view.events.length;
  let valid = roster.view.events.filter((e) => e.verdict.valid).length;
  for (const { id: docId } of readManifest(manifestDoc).documents) {
    for (const [id, value] of readPositionEntries(session.getDoc(docId))) {
      records += 1;
      if (judgeRecord(id, value, { roster, signatures, workspaceId, docId }).verdict.valid) valid += 1;
    }
  }
  return { records, valid };
}

/**
 * A window's replica of one document that types a character at the end of a clause, one update
 * per keystroke, as the renderer's provider sends them; feed each to `session.applyRendererUpdate`.
 */
export class KeystrokeReplica {
  readonly #doc = new Y.Doc();
  readonly #text: Y.XmlText;

  constructor(session: WorkspaceSession, docId: string, clauseId: string) {
    Y.applyUpdate(this.#doc, Y.encodeStateAsUpdate(session.getDoc(docId)));
    const el = this.#doc
      .getXmlFragment(CONTENT_FRAGMENT)
      .toArray()
      .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === clauseId);
    const paragraph = el instanceof Y.XmlElement ? el.get(0) : null;
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
    if (!(text instanceof Y.XmlText)) throw new Error(`KeystrokeReplica: clause ${clauseId} of ${docId} has no text to type into`);
    this.#text = text;
  }

  /** The update for one more character. */
  keystroke(char = 'x'): Uint8Array {
    const before = Y.encodeStateVector(this.#doc);
    this.#text.insert(this.#text.length, char);
    return Y.encodeStateAsUpdate(this.#doc, before);
  }

  destroy(): void {
    this.#doc.destroy();
  }
}
