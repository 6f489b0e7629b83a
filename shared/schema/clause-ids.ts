import type { Node as PMNode } from 'prosemirror-model';

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
