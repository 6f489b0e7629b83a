import type { Node as PMNode } from 'prosemirror-model';
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';

/**
 * The one format of a clause id: `c-` and 16 lower-case hex digits. Positions, signatures and
 * "para 5 bis" references point at it, so it must survive every copy of the file unchanged; a
 * closed format lets the schema (and so the hub's validation) refuse anything else before
 * y-prosemirror would have to drop the clause it cannot build.
 */
export const CLAUSE_ID_PATTERN = /^c-[0-9a-f]{16}$/u;

/** Whether `value` is a clause id in {@link CLAUSE_ID_PATTERN}'s format (the schema's check). */
export function isClauseId(value: unknown): value is string {
  return typeof value === 'string' && CLAUSE_ID_PATTERN.test(value);
}

/**
 * A clause id in the current format derived from an older or readable key ("fw-01"): `c-` and
 * the first 16 hex digits of the key's SHA-256. Used by the migration (`upgradeLegacyContent`)
 * and the sample builders, so a migrated old sample and a freshly created one give their clauses
 * the same ids.
 */
export function legacyClauseId(key: string): string {
  const bytes = digest(encodeUtf8(`chancery clause id: ${key}`));
  return `c-${Array.from(bytes.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Fresh clause ids. Random rather than sequential because delegations create clauses offline on
 * separate machines; a counter would collide on merge.
 */
export function newClauseId(): string {
  // shared/ sees neither DOM nor Node typings; Web Crypto exists in both runtimes.
  const { crypto } = globalThis as unknown as { crypto: { randomUUID(): string } };
  return `c-${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** A clause that needs a new id, and where it is. */
export interface ClauseIdRepair {
  pos: number;
  reason: 'missing' | 'duplicate';
}

/**
 * Finds top-level clauses whose id is missing or already used earlier in the document.
 * Document order decides who keeps a contested id, so every peer that sees the same document
 * repairs the same clause (splitting a clause copies its id into the new half; the later half
 * is the one that must change).
 */
export function findClauseIdRepairs(doc: PMNode): ClauseIdRepair[] {
  const seen = new Set<string>();
  const repairs: ClauseIdRepair[] = [];
  doc.forEach((node, offset) => {
    if (node.type.name !== 'clause') return;
    const id = node.attrs.id as string | null;
    if (!id) repairs.push({ pos: offset, reason: 'missing' });
    else if (seen.has(id)) repairs.push({ pos: offset, reason: 'duplicate' });
    else seen.add(id);
  });
  return repairs;
}
