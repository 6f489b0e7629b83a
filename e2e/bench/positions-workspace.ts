/**
 * Generated workspaces whose every clause carries four parties' signed positions, for the
 * positions rows of `npm run bench`: the same generated treaty text as generate-workspace.ts,
 * convened by a generated convener who admits one generated head per party; each head signs its
 * party's position on every clause against the clause's current text (RFC 8785 canonical JSON,
 * Ed25519, through the production signing code). A seeded PRNG picks the statuses, so every run
 * writes the same mix: about two clauses in three agreed by all, the rest a realistic spread.
 */
import { clauseHashesOfDoc } from '../../shared/positions/clause-text';
import type { PositionRecord, PositionStatus, RosterEntry } from '../../shared/positions/model';
import { signPosition, signRosterEntry, type Signer } from '../../shared/positions/signing';
import { chancerySchema } from '../../shared/schema/schema';
import { seededRandom } from '../../shared/testing/seeded-random';
import { generateKeyPair, signerFromPrivateKey } from '../../electron/headless/crypto/node-ed25519';
import type { WorkspaceSeed } from '../../electron/headless/workspace/workspace-session';
import { generatedSeed, type GeneratedDocumentSpec } from './generate-workspace';

/** The typing document with positions: about 30,000 words in 400 clauses. */
export const POSITIONS_TYPING_WORKSPACE: readonly GeneratedDocumentSpec[] = [
  { id: 'framework', title: 'Consolidated Framework Text', clauses: 400, wordsPerClause: 57 },
];

const HOUR = 3_600_000;
/** Share of clauses every party accepts (on the current text). */
const AGREED_SHARE = 0.65;
const MIXED: readonly PositionStatus[] = ['accepted', 'accepted', 'accepted-ad-ref', 'reserved', 'disputed'];

function newSigner(): Signer {
  return signerFromPrivateKey(generateKeyPair().privateKey);
}

/** How many records a seed holds, and for how many clauses. */
export interface PositionsSeedStats {
  records: number;
  clauses: number;
  agreedClauses: number;
}

/**
 * `generatedSeed(title, specs, seed)` convened and with four signed positions per clause (one per
 * party, by its head), dated in the past so the app's new records come after them.
 */
export function positionsSeed(title: string, specs: readonly GeneratedDocumentSpec[], seed: number): { seed: WorkspaceSeed; stats: PositionsSeedStats } {
  const base = generatedSeed(title, specs, seed);
  const random = seededRandom(seed * 7919 + 1);
  const workspaceId = `bench-${seed}-${specs.map((s) => s.clauses).join('-')}`;
  const convener = { signer: newSigner(), name: 'Bench convener' };
  const start = Date.now() - 48 * HOUR;
  const at = (offset: number) => new Date(start + offset).toISOString();

  const heads = new Map<string, Signer>();
  const roster: RosterEntry[] = base.parties.map((party, i) => {
    const head = newSigner();
    heads.set(party.code, head);
    return signRosterEntry(
      { v: 1, workspaceId, at: at(60_000 * (i + 1)), signer: convener.signer.publicKey, action: 'admit', key: head.publicKey, name: `Head of ${party.code}`, role: 'head', party: party.code },
      convener.signer,
    );
  });

  const positions: Record<string, PositionRecord[]> = {};
  const stats: PositionsSeedStats = { records: 0, clauses: 0, agreedClauses: 0 };
  let tick = 0;
  for (const d of base.documents) {
    const hashes = clauseHashesOfDoc(chancerySchema.nodeFromJSON(d.content));
    const records: PositionRecord[] = [];
    for (const [clauseId, textHash] of hashes) {
      const agreed = random() < AGREED_SHARE;
      const statuses = base.parties.map((): PositionStatus => (agreed ? 'accepted' : MIXED[Math.floor(random() * MIXED.length)]!));
      stats.clauses += 1;
      if (statuses.every((s) => s === 'accepted')) stats.agreedClauses += 1;
      for (const [k, party] of base.parties.entries()) {
        const status = statuses[k]!;
        const signer = heads.get(party.code)!;
        const unsigned = {
          v: 1 as const,
          workspaceId,
          docId: d.id,
          clauseId,
          party: party.code,
          status,
          textHash,
          ...(status === 'disputed' ? { comment: 'Not acceptable as drafted.', proposal: 'The Parties shall consult on this paragraph.' } : {}),
          at: at(HOUR + tick++),
          member: signer.publicKey,
        };
        records.push(signPosition(unsigned, signer));
      }
    }
    positions[d.id] = records;
    stats.records += records.length;
  }
  return { seed: { ...base, convener, workspaceId, convenedAt: at(0), roster, positions }, stats };
}
