import { randomUUID } from 'node:crypto';
import { clauseHashesOfDoc, clauseTextHash } from '../../../shared/positions/clause-text';
import type { PositionRecord, RosterEntry } from '../../../shared/positions/model';
import { signPosition, signRosterEntry, type Signer } from '../../../shared/positions/signing';
import { SAMPLE_CONVENER_NAME, SAMPLE_DELEGATES, samplePositionPlan, type SamplePositionPlan } from '../../../shared/sample/sample-positions';
import { sampleWorkspace, type SampleDocument } from '../../../shared/sample/sample-workspace';
import { legacyClauseId } from '../../../shared/schema/clause-ids';
import { chancerySchema } from '../../../shared/schema/schema';
import { generateKeyPair, signerFromPrivateKey } from '../crypto/node-ed25519';
import type { WorkspaceSeed } from './workspace-seed';

/** File name of the sample negotiation created on first start and by `chancery new --sample`. */
export const SAMPLE_FILE_NAME = 'Sample negotiation.chancery';

/** Who creates the sample. */
export interface SampleOptions {
  /** The convener (the app's user); by default a fictional facilitator with a generated key. */
  convener?: { signer: Signer; name: string };
  /** Admit the convener as head of delegation of the first party (ALD), so the user can set its positions. */
  firstPartyHead?: boolean;
}

const DAY = 86_400_000;
/** The round began this long before the sample is created; every record is dated inside it. */
const ROUND_START_BEFORE_NOW = 14 * DAY;

/** A key whose private half lives only as long as this call: the fictional delegates sign and forget. */
function throwawaySigner(): Signer {
  return signerFromPrivateKey(generateKeyPair().privateKey);
}

/** The text hash of the clause `key` as it read before `earlier.now` was written for `earlier.before`. */
function earlierHash(doc: SampleDocument, clauseId: string, earlier: NonNullable<SamplePositionPlan['earlierWording']>): string {
  const node = chancerySchema.nodeFromJSON(doc.content);
  let hash: string | null = null;
  node.forEach((child) => {
    if (child.type.name !== 'clause' || child.attrs.id !== clauseId) return;
    const json = JSON.stringify(child.toJSON());
    if (!json.includes(JSON.stringify(earlier.now).slice(1, -1))) throw new Error(`sample plan: clause ${clauseId} does not contain ${JSON.stringify(earlier.now)}`);
    const before = JSON.parse(json.replace(JSON.stringify(earlier.now).slice(1, -1), JSON.stringify(earlier.before).slice(1, -1))) as unknown;
    hash = clauseTextHash(chancerySchema.nodeFromJSON(before));
  });
  if (hash === null) throw new Error(`sample plan: no clause ${clauseId} in ${doc.id}`);
  return hash;
}

/**
 * The built-in sample as a seed for WorkspaceSession.create, convened and with its positions
 * signed: the parties defined by the convener, a head of delegation admitted for each (the user
 * for ALD when `firstPartyHead`; otherwise fictional delegates whose generated private keys are
 * discarded once they have signed), and the plan of `sample-positions.ts` signed by each party's
 * head against the clause text (or, for the one stale acceptance, an earlier wording). Each call
 * makes a fresh workspace id and fresh keys.
 */
export function sampleSeed(options: SampleOptions = {}): WorkspaceSeed {
  const sample = sampleWorkspace();
  const workspaceId = randomUUID();
  const convener = options.convener ?? { signer: throwawaySigner(), name: SAMPLE_CONVENER_NAME };
  const start = Date.now() - ROUND_START_BEFORE_NOW;
  const at = (offset: number) => new Date(start + offset).toISOString();

  // The convening (at `start`) and the party entries (1 ms apart) are signed by seedRows.
  const heads = new Map<string, Signer>();
  const roster: RosterEntry[] = [];
  sample.parties.forEach((party, i) => {
    const isUser = i === 0 && options.firstPartyHead === true;
    const signer = isUser ? convener.signer : throwawaySigner();
    heads.set(party.code, signer);
    const name = isUser ? convener.name : (SAMPLE_DELEGATES[party.code] ?? `Head of delegation of ${party.code}`);
    roster.push(
      signRosterEntry(
        { v: 1, workspaceId, at: at(60_000 * (i + 1)), signer: convener.signer.publicKey, action: 'admit', key: signer.publicKey, name, role: 'head', party: party.code },
        convener.signer,
      ),
    );
  });

  const positions: Record<string, PositionRecord[]> = {};
  const docs = new Map(sample.documents.map((d) => [d.id, d]));
  const hashes = new Map(sample.documents.map((d) => [d.id, clauseHashesOfDoc(chancerySchema.nodeFromJSON(d.content))]));
  samplePositionPlan().forEach((plan, clauseIndex) => {
    const doc = docs.get(plan.docId)!;
    const clauseId = legacyClauseId(plan.clause);
    const current = hashes.get(plan.docId)?.get(clauseId);
    if (current === undefined) throw new Error(`sample plan: no clause ${plan.clause} in ${plan.docId}`);
    plan.positions.forEach((p, k) => {
      const signer = heads.get(p.party);
      if (!signer) throw new Error(`sample plan: no party ${p.party}`);
      const unsigned = {
        v: 1 as const,
        workspaceId,
        docId: plan.docId,
        clauseId,
        party: p.party,
        status: p.status,
        textHash: p.earlierWording ? earlierHash(doc, clauseId, p.earlierWording) : current,
        ...(p.comment ? { comment: p.comment } : {}),
        ...(p.proposal ? { proposal: p.proposal } : {}),
        // Within its day, each record a few minutes after the one before it, so the history reads in plan order.
        at: at(p.day * DAY + clauseIndex * 600_000 + k * 60_000),
        member: signer.publicKey,
      };
      (positions[plan.docId] ??= []).push(signPosition(unsigned, signer));
    });
  });

  return {
    title: sample.title,
    parties: sample.parties,
    documents: sample.documents,
    convener,
    workspaceId,
    convenedAt: at(0),
    roster,
    positions,
  };
}
