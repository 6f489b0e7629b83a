import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Signer } from '../../../shared/positions/signing';
import { mergeWorkspaceFile } from '../live/merge';
import { C, newSigner, smallSeed, tmpFile, typingUpdate } from '../positions/positions-test-support';
import { catchChanceryError } from '../store/store-test-support';
import { WorkspaceSession } from '../workspace/workspace-session';
import { decodeRoundBundle } from './round-bundle';
import { cutRound, listRounds, openRound } from './rounds';

const open: { close(): void }[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});
function track<T extends { close(): void }>(s: T): T {
  open.push(s);
  return s;
}
function release(s: { close(): void }): void {
  open.splice(open.indexOf(s), 1);
  s.close();
}
const card = (s: Signer, name: string) => ({ v: 1 as const, name, key: s.publicKey });

/** What no round may ever contain. */
const SECRET = 'Fallback line: our capital would accept thirty kilometres';

function setUp() {
  const convener = newSigner();
  const ald = newSigner();
  const vel = newSigner();
  const file = tmpFile();
  const session = track(WorkspaceSession.create(file, smallSeed(convener)));
  session.positions.admit(convener, card(ald, 'Anja Korvel'), 'head', 'ALD');
  session.positions.admit(convener, card(vel, 'Tomas Brenner'), 'head', 'VEL');
  session.positions.setPosition(ald, 'alpha', C.a1, 'ALD', { status: 'accepted' });
  session.positions.setPosition(vel, 'alpha', C.a1, 'VEL', { status: 'accepted' });
  session.positions.setPosition(vel, 'alpha', C.a2, 'VEL', { status: 'disputed', proposal: 'The Parties shall negotiate.' });
  return { session, file, convener, ald, vel };
}

const text = (source: { documentNode(id: string): { textContent: string } }, id: string) => source.documentNode(id).textContent;

describe('named rounds', { timeout: 30_000 }, () => {
  it('keeps the text, positions and roster as they stood when cut, after later edits and a reopen', () => {
    const { session: first, file, ald, vel } = setUp();
    const info = cutRound(first, '  Berlin round ', 'Anja Korvel');
    expect(info).toMatchObject({ name: 'Berlin round', cutBy: 'Anja Korvel', documents: 2, clauses: 4, percent: 25 });
    first.applyRendererUpdate('alpha', typingUpdate(first, 'alpha', C.a1, ' Immediately.'), 1);
    first.positions.setPosition(ald, 'alpha', C.a2, 'ALD', { status: 'reserved', comment: 'Pending capital.' });
    first.positions.setPosition(vel, 'alpha', C.a2, 'VEL', { status: 'accepted' });
    first.renameDocument('beta', 'Beta renamed');
    release(first);

    const session = track(WorkspaceSession.openReadOnly(file));
    expect(listRounds(session)).toEqual([info]);
    const round = track(openRound(session, 'berlin ROUND'));
    expect(round.info).toEqual(info);
    expect(round.round).toEqual({ name: 'Berlin round', cutAt: info.cutAt });
    expect(round.title).toBe('Test talks');
    expect(round.documents).toEqual([
      { id: 'alpha', title: 'Alpha' },
      { id: 'beta', title: 'Beta' },
    ]);
    expect(round.parties).toEqual([
      { code: 'ALD', name: 'Aldoria' },
      { code: 'VEL', name: 'Velmark' },
    ]);
    expect(text(round, 'alpha')).toContain('The Parties shall cease fire.');
    expect(text(round, 'alpha')).not.toContain('Immediately');
    const a2 = round.docPositions('alpha').clauses.find((c) => c.clauseId === C.a2)!;
    expect(a2.state).toBe('disputed');
    expect(a2.parties.find((p) => p.party === 'VEL')?.status).toBe('disputed');
    expect(a2.parties.find((p) => p.party === 'ALD')?.status).toBe('open');
    expect(round.memberName(ald.publicKey)).toBe('Anja Korvel');
    // The current text has moved on.
    const now = session.positions.docPositions('alpha').clauses.find((c) => c.clauseId === C.a2)!;
    expect(now.state).toBe('reserved');
  });

  it('cannot be written through, and refuses a taken, empty or overlong name and a read-only file', () => {
    const { session, file, ald } = setUp();
    cutRound(session, 'Berlin round', 'Anja Korvel');
    expect(catchChanceryError(() => cutRound(session, 'BERLIN ROUND', 'x'), 'ROUND_EXISTS').message).toContain('"Berlin round"');
    catchChanceryError(() => cutRound(session, '   ', 'x'), 'INVALID_ARGUMENT');
    catchChanceryError(() => cutRound(session, 'x'.repeat(121), 'x'), 'INVALID_ARGUMENT');
    const round = track(openRound(session, 'Berlin round'));
    catchChanceryError(() => round.positions.setPosition(ald, 'alpha', C.a1, 'ALD', { status: 'disputed' }), 'STORAGE_FAILED');
    expect(catchChanceryError(() => openRound(session, 'Paris round'), 'ROUND_NOT_FOUND').message).toContain('"Berlin round"');
    release(round);
    release(session);
    const reader = track(WorkspaceSession.openReadOnly(file));
    catchChanceryError(() => cutRound(reader, 'Paris round', 'x'), 'INVALID_ARGUMENT');
    expect(listRounds(reader).map((r) => r.name)).toEqual(['Berlin round']);
  });

  it('never holds a delegation’s private notes', () => {
    const { session, file, ald } = setUp();
    session.notes.add('ALD', 'alpha', C.a1, SECRET, { name: 'Anja Korvel', key: ald.publicKey });
    const info = cutRound(session, 'Berlin round', 'Anja Korvel');
    release(session);
    const db = new Database(file, { readonly: true });
    const row = db.prepare('SELECT data FROM versions WHERE id = ?').get(info.id) as { data: Buffer };
    const updates = db.prepare('SELECT data FROM updates').pluck().all() as Buffer[];
    db.close();
    expect(updates.some((u) => u.includes(Buffer.from('Fallback line')))).toBe(true); // the note is in the file, just not in the round
    expect(row.data.includes(Buffer.from('Fallback line'))).toBe(false);
    const bundle = decodeRoundBundle(new Uint8Array(row.data), info.name, info.id);
    expect(bundle.docs.map((d) => d.id)).toEqual(['alpha', 'beta']);
    for (const state of [bundle.manifestState, ...bundle.docs.map((d) => d.state)]) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const all = JSON.stringify([...doc.share.keys()].map((k) => doc.get(k).toJSON()));
      expect(all).not.toContain('Fallback line');
      doc.destroy();
    }
  });

  it('is refused as damaged when a byte of its row is flipped', () => {
    const { session, file } = setUp();
    const info = cutRound(session, 'Berlin round', 'Anja Korvel');
    release(session);
    const db = new Database(file);
    const row = db.prepare('SELECT data FROM versions WHERE id = ?').get(info.id) as { data: Buffer };
    const data = Buffer.from(row.data);
    data[Math.floor(data.length / 2)]! ^= 0x01;
    db.prepare('UPDATE versions SET data = ? WHERE id = ?').run(data, info.id);
    db.close();
    const reader = track(WorkspaceSession.openReadOnly(file));
    expect(catchChanceryError(() => openRound(reader, 'Berlin round'), 'ROUND_DAMAGED').message).toContain('"Berlin round"');
    const [listed] = listRounds(reader);
    expect(listed).toMatchObject({ id: info.id, name: 'Berlin round', clauses: 0 });
    expect(listed?.damaged).toContain('"Berlin round"');
  });

  it('is not cut while a document is damaged, and nothing is stored', () => {
    const { session, file } = setUp();
    release(session);
    const db = new Database(file);
    const seq = db.prepare("SELECT max(seq) FROM updates WHERE doc_id = 'beta'").pluck().get() as number;
    db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(Buffer.from([1, 2, 3, 4]), seq);
    db.close();
    const writer = track(WorkspaceSession.open(file));
    catchChanceryError(() => cutRound(writer, 'Berlin round', 'x'), 'DOCUMENT_DAMAGED');
    expect(listRounds(writer)).toEqual([]);
  });

  it('travels by merge: a round the other copy cut arrives once; a different round under a taken name keeps both', () => {
    const { session: mine, file } = setUp();
    release(mine);
    const theirsFile = tmpFile();
    copyFileSync(file, theirsFile);
    const theirs = track(WorkspaceSession.open(theirsFile));
    const berlin = cutRound(theirs, 'Berlin round', 'Tomas Brenner');
    const geneva = cutRound(theirs, 'Geneva round', 'Tomas Brenner');
    release(theirs);
    const target = track(WorkspaceSession.open(file));
    const paris = cutRound(target, 'geneva ROUND', 'Anja Korvel');
    const report = mergeWorkspaceFile(target, theirsFile);
    expect(report.changed).toBe(true);
    expect(report.rounds).toBe(2);
    const names = listRounds(target).map((r) => [r.id, r.name]);
    expect(names).toEqual(
      expect.arrayContaining([
        [berlin.id, 'Berlin round'],
        [paris.id, 'geneva ROUND'],
        [geneva.id, `Geneva round (from ${theirsFile.split('/').at(-1)})`],
      ]),
    );
    const round = track(openRound(target, berlin.id));
    expect(round.documentNode('alpha').textContent).toContain('The Parties shall cease fire.');
    const again = mergeWorkspaceFile(target, theirsFile);
    expect(again.rounds).toBeUndefined();
    expect(again.changed).toBe(false);
  });
});
