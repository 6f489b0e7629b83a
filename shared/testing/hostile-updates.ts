import * as Y from 'yjs';
import { CONTENT_FRAGMENT } from '../schema/schema';

/**
 * Updates a compromised or buggy window could push, each built against a document's current state
 * (as `openDoc` returns it). The hub must refuse every one with INVALID_UPDATE and store nothing;
 * unit tests replay them against the session, e2e specs through real IPC.
 */

/** An update made on a replica of `state` by `edit`. */
export function editOf(state: Uint8Array, edit: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, state);
  const before = Y.encodeStateVector(replica);
  edit(replica.getXmlFragment(CONTENT_FRAGMENT), replica);
  return Y.encodeStateAsUpdate(replica, before);
}

/** The first clause of a document's text (the sample's documents all have one). */
export function firstClause(fragment: Y.XmlFragment): Y.XmlElement {
  const clause = fragment.toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === 'clause');
  if (!(clause instanceof Y.XmlElement)) throw new Error('the document has no clause');
  return clause;
}

/** The first text of the first clause's first paragraph. */
export function firstClauseText(fragment: Y.XmlFragment): Y.XmlText {
  const text = (firstClause(fragment).get(0) as Y.XmlElement).get(0);
  if (!(text instanceof Y.XmlText)) throw new Error('the first clause has no text');
  return text;
}

/** A hostile update and what it attempts. */
export interface HostileUpdate {
  name: string;
  make: (state: Uint8Array) => Uint8Array;
}

export const HOSTILE_DOCUMENT_UPDATES: readonly HostileUpdate[] = [
  {
    name: 'a node the schema does not know, inside a clause',
    make: (s) => editOf(s, (f) => firstClause(f).insert(0, [new Y.XmlElement('table')])),
  },
  {
    name: 'a clause inside a clause (y-prosemirror would delete the outer one whole)',
    make: (s) => editOf(s, (f) => firstClause(f).insert(0, [new Y.XmlElement('clause')])),
  },
  { name: 'bare text at the top level', make: (s) => editOf(s, (f) => f.insert(0, [new Y.XmlText('loose')])) },
  { name: 'text directly inside a clause', make: (s) => editOf(s, (f) => firstClause(f).insert(0, [new Y.XmlText('loose')])) },
  {
    name: 'a clause without an id',
    make: (s) =>
      editOf(s, (f) => {
        const clause = new Y.XmlElement('clause');
        clause.insert(0, [new Y.XmlElement('paragraph')]);
        f.insert(1, [clause]);
      }),
  },
  { name: 'a clause id that is not an id', make: (s) => editOf(s, (f) => firstClause(f).setAttribute('id', '../../etc')) },
  { name: 'an unknown mark', make: (s) => editOf(s, (f) => firstClauseText(f).format(0, 3, { script: {} })) },
  { name: 'an extra root type', make: (s) => editOf(s, (_f, d) => d.getMap('macros').set('x', 1)) },
  { name: 'bytes that are not a Yjs update', make: () => Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) },
  {
    name: 'an update that depends on edits the hub never saw',
    make: (s) => {
      const replica = new Y.Doc();
      Y.applyUpdate(replica, s);
      const text = firstClauseText(replica.getXmlFragment(CONTENT_FRAGMENT));
      text.insert(0, 'never sent ');
      const before = Y.encodeStateVector(replica);
      text.insert(0, 'builds on it ');
      return Y.encodeStateAsUpdate(replica, before);
    },
  },
];

/** A window retitling the workspace by writing the manifest directly (it may only ask main). */
export function manifestRetitle(state: Uint8Array, title: string): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, state);
  const before = Y.encodeStateVector(replica);
  replica.getMap('workspace').set('title', title);
  return Y.encodeStateAsUpdate(replica, before);
}
