import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, signerFromPrivateKey } from '../../electron/headless/crypto/node-ed25519';
import { UpdateGate } from '../../electron/headless/workspace/update-gate';
import { checkDocument, checkTransaction } from '../schema/content-check';
import { checkManifest } from '../workspace/manifest-check';
import { initManifest } from '../workspace/manifest';
import { recordId } from './canonical';
import type { PositionRecord } from './model';
import { addPositionRecord, POSITIONS_ROOT, positionsMap, readPositionEntries } from './positions-doc';
import { addRosterEntry, pinConvener, pinnedConvener, readRosterEntries, ROSTER_ROOT } from './roster-doc';
import { signPosition, signRosterEntry } from './signing';

const member = signerFromPrivateKey(generateKeyPair().privateKey);
const other = signerFromPrivateKey(generateKeyPair().privateKey);
const record = signPosition(
  { v: 1, workspaceId: 'ws-1', docId: 'framework', clauseId: 'c-0123456789abcdef', party: 'VEL', status: 'accepted', textHash: 'e'.repeat(64), at: '2026-03-01T09:00:00.000Z', member: member.publicKey },
  member,
);
const convene = signRosterEntry({ v: 1, action: 'convene', workspaceId: 'ws-1', at: '2026-03-01T08:00:00.000Z', signer: member.publicKey, name: 'Helena' }, member);

/** An update made by `edit` on a replica of `hub`, as another peer would send it. */
function updateOf(hub: Y.Doc, edit: (replica: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(hub));
  const before = Y.encodeStateVector(replica);
  edit(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    expect(err).toMatchObject({ code: 'INVALID_UPDATE' });
    return (err as Error).message;
  }
  return 'accepted';
}

describe('positions in a document', () => {
  it('are stored under their id, once', () => {
    const doc = new Y.Doc();
    const id = addPositionRecord(doc, record, null);
    expect(id).toBe(recordId(record));
    let updates = 0;
    doc.on('update', () => updates++);
    expect(addPositionRecord(doc, record, null)).toBe(id);
    expect(updates).toBe(0);
    expect(readPositionEntries(doc)).toEqual([[id, record]]);
  });

  it('the gate stores any well-formed record under its id, even one whose signature fails', () => {
    const hub = new Y.Doc();
    const gate = new UpdateGate(hub, checkTransaction, 'document "Framework"');
    expect(() => gate.admit(updateOf(hub, (d) => addPositionRecord(d, record, null)))).not.toThrow();
    const forged = { ...record, status: 'disputed' } as PositionRecord;
    expect(() => gate.admit(updateOf(hub, (d) => addPositionRecord(d, forged, null)))).not.toThrow();
  });

  it('the gate refuses a record under another key, a malformed one, a removal or a rewrite', () => {
    const hub = new Y.Doc();
    addPositionRecord(hub, record, null);
    const gate = new UpdateGate(hub, checkTransaction, 'document "Framework"');
    const id = recordId(record);
    const attacks: [string, (d: Y.Doc) => void, RegExp][] = [
      ['wrong key', (d) => positionsMap(d).set('not-its-id', { ...record }), /not its id/u],
      ['malformed', (d) => positionsMap(d).set(recordId({ ...record, status: 'agreed' } as never), { ...record, status: 'agreed' }), /field "status"/u],
      ['removed', (d) => positionsMap(d).delete(id), /never removed or rewritten/u],
      ['rewritten', (d) => positionsMap(d).set(id, { ...record, status: 'disputed' }), /not its id/u],
      ['a nested type', (d) => positionsMap(d).set('x', new Y.Map()), /something other than a position/u],
      ['a list root', (d) => d.getArray(POSITIONS_ROOT).push([1]), /list instead of records/u],
    ];
    for (const [what, edit, why] of attacks) {
      const update = updateOf(hub, edit);
      expect(refusal(() => gate.admit(update)), what).toMatch(why);
    }
    // And a whole document with such content is refused at load.
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(hub));
    expect(() => checkDocument(loaded)).not.toThrow();
    positionsMap(loaded).delete(id);
    expect(refusal(() => checkDocument(loaded))).toMatch(/never removed/u);
  });
});

describe('the roster in the manifest', () => {
  function manifest(): Y.Doc {
    const doc = new Y.Doc();
    initManifest(doc, 'Talks', [], null);
    return doc;
  }

  it('stores entries under their id and pins the convener once', () => {
    const doc = manifest();
    const id = addRosterEntry(doc, convene, null);
    expect(readRosterEntries(doc)).toEqual([[id, convene]]);
    expect(pinnedConvener(doc)).toBeNull();
    pinConvener(doc, member.publicKey, null);
    pinConvener(doc, member.publicKey, null);
    expect(pinnedConvener(doc)).toBe(member.publicKey);
    expect(() => pinConvener(doc, other.publicKey, null)).toThrow(expect.objectContaining({ code: 'NOT_AUTHORISED' }));
    expect(() => checkManifest(doc, member.publicKey)).not.toThrow();
  });

  it('the gate keeps the convener pinned and the roster append-only', () => {
    const hub = manifest();
    const gate = new UpdateGate(hub, (scratch) => checkManifest(scratch, pinnedConvener(hub)), 'the manifest');
    // Convening a workspace nobody convened is allowed once...
    const pin = updateOf(hub, (d) => {
      pinConvener(d, member.publicKey, null);
      addRosterEntry(d, convene, null);
    });
    expect(() => gate.admit(pin)).not.toThrow();
    Y.applyUpdate(hub, pin);
    const id = recordId(convene);
    const attacks: [string, (d: Y.Doc) => void, RegExp][] = [
      ['re-pinned', (d) => d.getMap('workspace').set('convener', other.publicKey), /can never change/u],
      ['unpinned', (d) => d.getMap('workspace').delete('convener'), /can never change/u],
      ['not a key', (d) => d.getMap('workspace').set('convener', 'me'), /not a public key/u],
      ['removed entry', (d) => d.getMap(ROSTER_ROOT).delete(id), /never removed or rewritten/u],
      ['wrong key', (d) => d.getMap(ROSTER_ROOT).set('x', { ...convene }), /not its id/u],
      ['malformed', (d) => d.getMap(ROSTER_ROOT).set('y', { hello: 1 }), /roster/u],
    ];
    for (const [what, edit, why] of attacks) {
      const update = updateOf(hub, edit);
      expect(refusal(() => gate.admit(update)), what).toMatch(why);
    }
  });
});
