import { clauseState, summarise } from '../positions/agreement';
import type { ClauseView, DocPositions, PartyPosition, PositionRecord, PositionStatus } from '../positions/model';
import { isClauseId, legacyClauseId } from '../schema/clause-ids';
import { chancerySchema } from '../schema/schema';
import type { BlockJSON, DocJSON } from '../sample/builders';
import { buildExportPackage } from './build-export';
import type { ExportPackage, ExportParty, ExportRound } from './export-model';
import type { ExportSource } from './export-source';

/**
 * Test support (not shipped in any export path): builds an {@link ExportPackage} from
 * ProseMirror JSON and hand-written positions, without a workspace file, signatures or a roster.
 * Renderer and comparison tests (HTML, Markdown, DOCX, redlines) need packages whose every
 * bracket and footnote they can predict; going through {@link buildExportPackage} keeps the
 * fixture honest — the options, footnotes and counts are the builder's, not a hand-made guess.
 *
 * Write content with `shared/sample/builders` (`doc`, `h`, `p`, `clause`, `inserted`, `ol`, `b`…);
 * `clause('x-1', …)` derives a clause id from a readable key, and positions may be keyed by the
 * same readable key (see {@link testClauseId}).
 */

/** A party's position as a test writes it: a bare status, or with its details. */
export type TestPosition =
  | PositionStatus
  | 'open'
  | {
      status: PositionStatus | 'open';
      comment?: string;
      proposal?: string;
      /** Given on earlier text. */
      stale?: boolean;
      /** Records of this party that do not verify. */
      invalid?: number;
      /** Member key of the signer; `memberNames` maps it to a display name. */
      member?: string;
      at?: string;
    };

/** One document of a test package. */
export interface TestDocument {
  id: string;
  title: string;
  /** A whole doc (`doc(...)`) or its top-level blocks. */
  content: DocJSON | BlockJSON[];
  /** clause id or readable key → party code → position. Parties not named are open. */
  positions?: Record<string, Record<string, TestPosition>>;
  /** clause id or readable key → records that name no party at the table. */
  unattributedInvalid?: Record<string, number>;
}

/** What {@link testPackage} and {@link testSource} take; everything but `documents` has a default. */
export interface TestPackageSpec {
  workspaceId?: string;
  title?: string;
  round?: ExportRound | null;
  exportedAt?: string;
  parties?: ExportParty[];
  documents: TestDocument[];
  memberNames?: Record<string, string>;
  /** Limit the package to this document (as `buildExportPackage`'s `docId`). */
  docId?: string;
}

/** Two parties, so a test reads at a glance who disputes what. */
export const TEST_PARTIES: readonly ExportParty[] = Object.freeze([
  { code: 'ALD', name: 'Republic of Aldoria' },
  { code: 'VEL', name: 'Republic of Velmora' },
]);

/** The clause id `shared/sample/builders`' `clause(key)` gives a readable key (ids pass through). */
export function testClauseId(key: string): string {
  return isClauseId(key) ? key : legacyClauseId(key);
}

function record(docId: string, clauseId: string, party: string, p: Exclude<TestPosition, string>): PositionRecord {
  return {
    v: 1,
    workspaceId: 'test-workspace',
    docId,
    clauseId,
    party,
    status: p.status === 'open' ? 'withdrawn' : p.status,
    textHash: 'test',
    ...(p.comment !== undefined ? { comment: p.comment } : {}),
    ...(p.proposal !== undefined ? { proposal: p.proposal } : {}),
    at: p.at ?? '2025-03-01T10:00:00.000Z',
    member: p.member ?? `key-${party}`,
    signature: 'test',
  };
}

function partyPosition(docId: string, clauseId: string, party: string, given: TestPosition | undefined): PartyPosition {
  if (given === undefined) return { party, record: null, status: 'open', stale: false, invalid: 0 };
  const p = typeof given === 'string' ? { status: given } : given;
  const status = p.status === 'withdrawn' ? 'open' : p.status;
  return {
    party,
    record: p.status === 'open' ? null : record(docId, clauseId, party, p),
    status,
    stale: p.stale ?? false,
    invalid: p.invalid ?? 0,
  };
}

/** An {@link ExportSource} over the spec, for tests of code that takes a source (compare, export service). */
export function testSource(spec: TestPackageSpec): ExportSource {
  const parties = spec.parties ?? TEST_PARTIES;
  const codes = parties.map((p) => p.code);
  const docs = new Map(spec.documents.map((d) => [d.id, d]));
  const get = (id: string): TestDocument => {
    const d = docs.get(id);
    if (!d) throw new Error(`test-package: no document ${id}`);
    return d;
  };
  const jsonOf = (d: TestDocument): DocJSON => (Array.isArray(d.content) ? { type: 'doc', content: d.content } : d.content);
  return {
    workspaceId: spec.workspaceId ?? 'test-workspace',
    title: spec.title ?? 'Test Framework',
    round: spec.round ?? null,
    documents: spec.documents.map(({ id, title }) => ({ id, title })),
    parties,
    documentNode: (id) => {
      const node = chancerySchema.nodeFromJSON(jsonOf(get(id)));
      node.check();
      return node;
    },
    docPositions: (id): DocPositions => {
      const d = get(id);
      const given = new Map(Object.entries(d.positions ?? {}).map(([k, v]) => [testClauseId(k), v]));
      const unattributed = new Map(Object.entries(d.unattributedInvalid ?? {}).map(([k, v]) => [testClauseId(k), v]));
      const clauses: ClauseView[] = [];
      chancerySchema.nodeFromJSON(jsonOf(d)).forEach((child) => {
        if (child.type.name !== 'clause') return;
        const clauseId = child.attrs.id as string;
        const byParty = given.get(clauseId) ?? {};
        const ps = codes.map((code) => partyPosition(id, clauseId, code, byParty[code]));
        const extra = unattributed.get(clauseId);
        clauses.push({ clauseId, state: clauseState(ps), parties: ps, ...(extra ? { unattributedInvalid: extra } : {}) });
      });
      return { docId: id, clauses, summary: summarise(clauses, codes) };
    },
    memberName: (key) => spec.memberNames?.[key],
  };
}

/** The package {@link buildExportPackage} makes of the spec (cover date fixed unless given). */
export function testPackage(spec: TestPackageSpec): ExportPackage {
  return buildExportPackage(testSource(spec), {
    exportedAt: spec.exportedAt ?? '2025-03-12T14:05:00.000Z',
    ...(spec.docId !== undefined ? { docId: spec.docId } : {}),
  });
}
