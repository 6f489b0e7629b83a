import * as Y from 'yjs';
import type { ChanceryOrigin } from '../sync/origins';
import { isClauseId } from './clause-ids';

/** One clause whose id {@link resolveClauseIds} changed, for logs and tests. */
export interface ClauseIdResolution {
  /** Index of the clause among the fragment's top-level children. */
  index: number;
  /** The id it had: a contested (or malformed) id, or null when it had none. */
  from: string | null;
  /** The id it has now, derived from the clause element's Yjs item id. */
  to: string;
  reason: 'duplicate' | 'missing';
}

const hex8 = (n: number): string => (n % 0x100000000).toString(16).padStart(8, '0');

/**
 * The id a clause gets when it must give up the one it has: `c-`, its Yjs item's client (8 hex)
 * and clock (8 hex), in {@link isClauseId}'s format. Item ids are unique and identical on every
 * peer, so every hub that repairs the same clause writes the same id. Should that id already be
 * in use, the clock part counts up until it is free: still a function of the content alone.
 */
function derivedClauseId(element: Y.XmlElement, used: ReadonlySet<string>): string {
  const { client, clock } = element._item!.id;
  for (let k = 0; ; k++) {
    const id = `c-${hex8(client)}${hex8(clock + k)}`;
    if (!used.has(id)) return id;
  }
}

/**
 * Makes the clause ids of a framework document's content unique, deterministically, as the hub
 * does after remote content arrives (a relay update, a merged file). Concurrent splits, pastes,
 * undos and merges can leave two clauses with one id, and no single peer saw both copies being
 * made, so no editor can decide; every hub decides the same way instead:
 *
 * - the first clause in document order keeps a contested id;
 * - every later copy, and every clause without a valid id, gets the id derived from its own Yjs
 *   item (see `derivedClauseId`).
 *
 * Works on the Y.XmlFragment itself — no ProseMirror conversion, which could delete content (see
 * the design brief) — and writes all changes as attributes in one transaction with `origin`
 * (`ORIGIN_CLAUSE_IDS` in main). Content the same on two peers gives the same writes on both, so
 * hubs that repair concurrently agree. Writes nothing when every id is already unique.
 */
export function resolveClauseIds(fragment: Y.XmlFragment, origin: ChanceryOrigin): ClauseIdResolution[] {
  const clauses: { index: number; element: Y.XmlElement; id: string | null }[] = [];
  fragment.toArray().forEach((child, index) => {
    if (!(child instanceof Y.XmlElement) || child.nodeName !== 'clause') return;
    const id: unknown = child.getAttribute('id');
    clauses.push({ index, element: child, id: isClauseId(id) ? id : null });
  });

  const used = new Set<string>();
  for (const clause of clauses) if (clause.id) used.add(clause.id);
  const kept = new Set<string>();
  const changes: (ClauseIdResolution & { element: Y.XmlElement })[] = [];
  for (const { index, element, id } of clauses) {
    if (id && !kept.has(id)) {
      kept.add(id);
      continue;
    }
    const to = derivedClauseId(element, used);
    used.add(to);
    changes.push({ index, element, from: id ?? stringOrNull(element.getAttribute('id')), to, reason: id ? 'duplicate' : 'missing' });
  }
  if (changes.length === 0) return [];

  const write = () => {
    for (const change of changes) change.element.setAttribute('id', change.to);
  };
  if (fragment.doc) fragment.doc.transact(write, origin);
  else write();
  return changes.map(({ index, from, to, reason }) => ({ index, from, to, reason }));
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
