import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { privateDocId } from '../../../shared/live/relay-names';
import { C, newSigner, smallSeed } from '../positions/positions-test-support';
import { WorkspaceSession } from '../workspace/workspace-session';
import { docXml, removeDir, tmpDir, typeInClause } from './live-test-support';
import { formatMergeReport, mergeWorkspaceFile } from './merge';

let dir: string;
const open: WorkspaceSession[] = [];
beforeEach(() => {
  dir = tmpDir();
});
afterEach(() => {
  for (const s of open.splice(0)) if (!s.isClosed) s.close();
  removeDir(dir);
});

/** The convener's file with both heads admitted, and a copy of it (a colleague's) to diverge from it. */
function twoCopies() {
  const convener = newSigner();
  const ald = newSigner();
  const vel = newSigner();
  const mine = join(dir, 'mine.chancery');
  const setup = WorkspaceSession.create(mine, smallSeed(convener));
  setup.positions.admit(convener, { v: 1, name: 'Ald Head', key: ald.publicKey }, 'head', 'ALD');
  setup.positions.admit(convener, { v: 1, name: 'Vel Head', key: vel.publicKey }, 'head', 'VEL');
  setup.close();
  const theirs = join(dir, 'theirs.chancery');
  copyFileSync(mine, theirs);
  const target = WorkspaceSession.open(mine);
  const colleague = WorkspaceSession.open(theirs);
  open.push(target, colleague);
  return { target, colleague, theirs, ald, vel };
}

describe('mergeWorkspaceFile', () => {
  it('carries another party’s positions and text, but never another party’s private notes', () => {
    const { target, colleague, theirs, vel } = twoCopies();
    colleague.positions.setPosition(vel, 'alpha', C.a1, 'VEL', { status: 'accepted' });
    typeInClause(colleague, 'alpha', 1, ' (VEL wording)');
    colleague.notes.add('VEL', 'alpha', C.a1, 'Our fallback: accept if 5 bis stays.', { name: 'Vel Head', key: vel.publicKey });
    colleague.close();

    const report = mergeWorkspaceFile(target, theirs, { ownParty: 'ALD' });
    expect(report.changed).toBe(true);
    expect(report.documents.find((d) => d.docId === 'alpha')).toMatchObject({ changed: true, positionsAdded: 1, clausesChanged: 1 });
    expect(target.positions.docPositions('alpha').clauses.find((c) => c.clauseId === C.a1)?.parties.find((p) => p.party === 'VEL')).toMatchObject({ status: 'accepted', stale: false });
    expect(docXml(target, 'alpha')).toContain('(VEL wording)');
    expect(target.store.updateCount(privateDocId('VEL'))).toBe(0);
  });

  it('says which documents of the other file are damaged instead of "nothing to merge", and merges the rest', () => {
    const { target, colleague, theirs } = twoCopies();
    typeInClause(colleague, 'alpha', 1, ' (their edit)');
    colleague.close();
    // Damage one stored row of "alpha" in the colleague's file, as a bad disk or a cut copy would.
    const db = new Database(theirs);
    db.prepare("UPDATE updates SET data = randomblob(64) WHERE seq = (SELECT min(seq) FROM updates WHERE doc_id = 'alpha')").run();
    db.close();
    const before = docXml(target, 'alpha');

    const report = mergeWorkspaceFile(target, theirs, { ownParty: 'ALD' });
    expect(report.unreadable?.map((d) => d.docId)).toEqual(['alpha']);
    expect(docXml(target, 'alpha')).toBe(before);
    expect(formatMergeReport(report)).toMatch(/could not be read in .*theirs\.chancery.*damaged there/u);
    expect(formatMergeReport(report)).not.toMatch(/^Nothing to merge/u);
  });

  it('carries the own party’s private notes', () => {
    const { target, colleague, theirs, vel } = twoCopies();
    colleague.notes.add('VEL', 'alpha', C.a1, 'Only for VEL.', { name: 'Vel Head', key: vel.publicKey });
    colleague.close();
    mergeWorkspaceFile(target, theirs, { ownParty: 'VEL' });
    expect(target.notes.list('VEL', 'alpha').map((n) => n.text)).toEqual(['Only for VEL.']);
  });

  it('is idempotent: merging the same file again reports nothing changed and stores nothing', () => {
    const { target, colleague, theirs } = twoCopies();
    typeInClause(colleague, 'beta', 0, ' and reviewed');
    colleague.addDocument('Annex on monitoring');
    colleague.close();
    const first = mergeWorkspaceFile(target, theirs);
    expect(first).toMatchObject({ changed: true, documentsAdded: 1 });
    const rows = target.store.updateCount('beta');
    const second = mergeWorkspaceFile(target, theirs);
    expect(second.changed).toBe(false);
    expect(second.documents.every((d) => !d.changed)).toBe(true);
    expect(target.store.updateCount('beta')).toBe(rows);
  });

  it('refuses a file of another workspace, naming both, with nothing changed', () => {
    const { target } = twoCopies();
    const other = join(dir, 'other.chancery');
    WorkspaceSession.create(other, { title: 'Other talks', parties: [], documents: [] }).close();
    const before = docXml(target, 'alpha');
    expect(() => mergeWorkspaceFile(target, other)).toThrow(expect.objectContaining({ code: 'WRONG_WORKSPACE', message: expect.stringMatching(/"Other talks".*"Test talks"/u) }));
    expect(docXml(target, 'alpha')).toBe(before);
  });
});
