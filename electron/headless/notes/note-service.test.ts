import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_NOTE_TEXT } from '../../../shared/notes/note-schema';
import { NOTES_ROOT } from '../../../shared/notes/notes-doc';
import { privateDocId } from '../../../shared/notes/private-doc';
import type { Signer } from '../../../shared/positions/signing';
import { runCli } from '../cli/cli';
import { C, newSigner, smallSeed, tmpFile } from '../positions/positions-test-support';
import { catchChanceryError } from '../store/store-test-support';
import { WorkspaceSession } from '../workspace/workspace-session';
import { delegationOf } from './note-access';

const open: WorkspaceSession[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});
const track = (s: WorkspaceSession) => (open.push(s), s);
const card = (s: Signer, name: string) => ({ v: 1 as const, name, key: s.publicKey });
const author = (s: Signer, name: string) => ({ name, key: s.publicKey });

/** What no shared document, report or listing may ever contain. */
const SECRET = 'Fallback line: the capital would accept 30 km if pressed';

/** A convened two-party workspace: ALD headed by `ald` with member `aldMember`, VEL by `vel`, one observer. */
function setUp() {
  const convener = newSigner();
  const ald = newSigner();
  const aldMember = newSigner();
  const vel = newSigner();
  const observer = newSigner();
  const file = tmpFile();
  const session = track(WorkspaceSession.create(file, smallSeed(convener)));
  session.positions.admit(convener, card(ald, 'Anja Korvel'), 'head', 'ALD');
  session.positions.admit(ald, card(aldMember, 'Piet Rasmussen'), 'member', 'ALD');
  session.positions.admit(convener, card(vel, 'Tomas Brenner'), 'head', 'VEL');
  session.positions.admit(convener, card(observer, 'Olga Sand'), 'observer', null);
  return { session, file, convener, ald, aldMember, vel, observer };
}

function reopen(file: string, session: WorkspaceSession): WorkspaceSession {
  open.splice(open.indexOf(session), 1);
  session.close();
  return track(WorkspaceSession.open(file));
}

async function cli(...argv: string[]): Promise<string> {
  let out = '';
  const code = await runCli(argv, (s) => (out += s));
  expect(code, out).toBe(0);
  return out;
}

describe('NoteService', { timeout: 30_000 }, () => {
  it('adds, edits and removes notes, each change stored in the file', () => {
    const { session: first, file, ald, aldMember } = setUp();
    const note = first.notes.add('ALD', 'alpha', C.a1, SECRET, author(ald, 'Anja Korvel'));
    expect(note).toMatchObject({ docId: 'alpha', clauseId: C.a1, text: SECRET, author: 'Anja Korvel', authorKey: ald.publicKey });

    let session = reopen(file, first);
    expect(session.notes.list('ALD', 'alpha')).toEqual([note]);
    expect(session.notes.list('ALD', 'beta')).toEqual([]);
    expect(session.notes.list('VEL', 'alpha')).toEqual([]);

    const edited = session.notes.edit('ALD', note.id, 'Checked with the capital: 25 km.', author(aldMember, 'Piet Rasmussen'));
    expect(edited).toMatchObject({ id: note.id, text: 'Checked with the capital: 25 km.', author: 'Piet Rasmussen', authorKey: aldMember.publicKey });
    session = reopen(file, session);
    expect(session.notes.list('ALD', 'alpha').map((n) => n.text)).toEqual(['Checked with the capital: 25 km.']);

    session.notes.remove('ALD', note.id);
    session = reopen(file, session);
    expect(session.notes.list('ALD', 'alpha')).toEqual([]);
    catchChanceryError(() => session.notes.remove('ALD', note.id), 'NOTE_NOT_FOUND');
    catchChanceryError(() => session.notes.edit('ALD', note.id, 'x', author(ald, 'Anja Korvel')), 'NOTE_NOT_FOUND');
  });

  it('lets only heads and members of the party write its notes', () => {
    const { session, convener, vel, ald, observer } = setUp();
    catchChanceryError(() => session.notes.add('ALD', 'alpha', C.a1, 'x', author(vel, 'Tomas Brenner')), 'NOT_AUTHORISED');
    catchChanceryError(() => session.notes.add('ALD', 'alpha', C.a1, 'x', author(convener, 'Convener')), 'NOT_AUTHORISED');
    catchChanceryError(() => session.notes.add('ALD', 'alpha', C.a1, 'x', author(observer, 'Olga Sand')), 'NOT_AUTHORISED');
    const roster = session.positions.resolvedRoster();
    expect(delegationOf(roster, ald.publicKey)).toBe('ALD');
    expect(delegationOf(roster, vel.publicKey)).toBe('VEL');
    for (const key of [convener.publicKey, observer.publicKey, newSigner().publicKey, null]) {
      expect(catchChanceryError(() => delegationOf(roster, key), 'NOT_AUTHORISED').message).toContain('Only members of a delegation keep private notes');
    }
  });

  it('refuses a clause that is not there, a document that is not listed and oversized text', () => {
    const { session, ald } = setUp();
    const me = author(ald, 'Anja Korvel');
    catchChanceryError(() => session.notes.add('ALD', 'alpha', C.b1, 'x', me), 'CLAUSE_NOT_FOUND');
    catchChanceryError(() => session.notes.add('ALD', 'gamma', C.a1, 'x', me), 'DOCUMENT_NOT_FOUND');
    catchChanceryError(() => session.notes.add('ALD', privateDocId('ALD'), C.a1, 'x', me), 'DOCUMENT_NOT_FOUND');
    catchChanceryError(() => session.notes.list('ALD', privateDocId('VEL')), 'DOCUMENT_NOT_FOUND');
    const big = catchChanceryError(() => session.notes.add('ALD', 'alpha', C.a1, 'y'.repeat(MAX_NOTE_TEXT + 1), me), 'INVALID_ARGUMENT');
    expect(big.message).not.toContain('yyyy');
    catchChanceryError(() => session.notes.add('ALD', 'alpha', C.a1, '  ', me), 'INVALID_ARGUMENT');
    expect(session.notes.list('ALD', 'alpha')).toEqual([]);
  });

  it('announces which document’s notes changed, for its own writes and for another member’s', () => {
    const { session, ald } = setUp();
    const heard: string[] = [];
    session.notes.onChange((party, docId) => heard.push(`${party}/${docId}`));
    expect(session.notes.list('ALD', 'alpha')).toEqual([]);
    const note = session.notes.add('ALD', 'alpha', C.a1, 'one', author(ald, 'Anja Korvel'));
    expect(heard).toEqual(['ALD/alpha']);

    // Another member's copy adds a note on beta and it arrives as a peer update (relay, merged file).
    const privateDoc = session.getDoc(privateDocId('ALD'));
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(privateDoc));
    const before = Y.encodeStateVector(other);
    other.getMap(NOTES_ROOT).set('note-remote', { ...note, id: 'note-remote', docId: 'beta', clauseId: C.b1, text: 'two' });
    other.getMap(NOTES_ROOT).delete(note.id);
    session.applyPeerUpdate(privateDocId('ALD'), Y.encodeStateAsUpdate(other, before));
    expect(heard.slice(1).sort()).toEqual(['ALD/alpha', 'ALD/beta']);
    expect(session.notes.list('ALD', 'beta').map((n) => n.text)).toEqual(['two']);
    expect(session.notes.list('ALD', 'alpha')).toEqual([]);
  });

  it('refuses a peer update that writes anything but notes into a private document, and any window update', () => {
    const { session } = setUp();
    const other = new Y.Doc();
    other.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('smuggled')]);
    const update = Y.encodeStateAsUpdate(other);
    catchChanceryError(() => session.applyPeerUpdate(privateDocId('ALD'), update), 'INVALID_UPDATE');
    const bad = new Y.Doc();
    bad.getMap(NOTES_ROOT).set('note-x', { text: 'no author' });
    catchChanceryError(() => session.applyPeerUpdate(privateDocId('ALD'), Y.encodeStateAsUpdate(bad)), 'INVALID_UPDATE');
    catchChanceryError(() => session.applyRendererUpdate(privateDocId('ALD'), update, 1), 'NOT_AUTHORISED');
    catchChanceryError(() => session.getDoc('private_'), 'DOCUMENT_NOT_FOUND');
    expect(session.getDoc(privateDocId('ALD')).share.size).toBe(0);
  });

  it('keeps private documents out of the info, positions, verify and the document list', async () => {
    const { session: first, file, ald, vel } = setUp();
    first.notes.add('ALD', 'alpha', C.a1, SECRET, author(ald, 'Anja Korvel'));
    first.notes.add('VEL', 'beta', C.b1, `${SECRET} (VEL)`, author(vel, 'Tomas Brenner'));
    const session = reopen(file, first);
    expect(session.info().tabs?.open).not.toContain(privateDocId('ALD'));
    expect(session.manifest().documents.map((d) => d.id)).toEqual(['alpha', 'beta']);
    catchChanceryError(() => session.positions.docPositions(privateDocId('ALD')), 'DOCUMENT_NOT_FOUND');
    expect(Object.keys(session.positions.packageAgreement().documents)).toEqual(['alpha', 'beta']);
    // The private docs are in the file, one each:
    expect(session.store.docIds().filter((id) => id.startsWith('private_'))).toEqual(['private_ALD', 'private_VEL']);
    open.splice(open.indexOf(session), 1);
    session.close();

    for (const argv of [['info', file, '--json'], ['info', file], ['positions', file, '--json'], ['positions', file], ['verify', file, '--json']]) {
      const out = await cli(...argv);
      expect(out, argv.join(' ')).not.toContain(SECRET);
      expect(out, argv.join(' ')).not.toContain('private_');
    }
    const info = JSON.parse(await cli('info', file, '--json')) as { documents: { id: string }[] };
    expect(info.documents.map((d) => d.id)).toEqual(['alpha', 'beta']);
  });
});
