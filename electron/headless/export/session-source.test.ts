import { afterEach, describe, expect, it } from 'vitest';
import { isChanceryError } from '../../../shared/errors';
import { documentStats } from '../../../shared/workspace/document-content';
import { newSigner, tmpFile } from '../positions/positions-test-support';
import { sampleSeed } from '../workspace/sample';
import { WorkspaceSession } from '../workspace/workspace-session';
import { sessionExportSource } from './session-source';

const open: WorkspaceSession[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

describe('sessionExportSource', { timeout: 60_000 }, () => {
  it('exposes the manifest documents in order, the parties at the table, content, positions and member names', () => {
    const user = newSigner();
    const session = WorkspaceSession.create(tmpFile(), sampleSeed({ convener: { signer: user, name: 'Ines Park' }, firstPartyHead: true }));
    open.push(session);
    const source = sessionExportSource(session);
    const manifest = session.manifest();
    expect(source.workspaceId).toBe(session.store.meta.workspaceId);
    expect(source.title).toBe(manifest.title);
    expect(source.round).toBeNull();
    expect(source.documents).toEqual(manifest.documents.map(({ id, title }) => ({ id, title })));
    expect(source.documents).toHaveLength(5);
    expect(source.parties.map((p) => p.code)).toEqual(['ALD', 'VEL', 'MPS', 'DUN']);
    expect(source.parties[0]).toEqual({ code: 'ALD', name: 'Republic of Aldoria' });
    const node = source.documentNode('framework');
    expect(documentStats(node).clauses).toBe(source.docPositions('framework').clauses.length);
    expect(source.memberName(user.publicKey)).toBe('Ines Park');
    expect(source.memberName('no-such-key')).toBeUndefined();
    expect(sessionExportSource(session, { name: 'Berlin round', cutAt: '2025-03-01T09:00:00.000Z' }).round).toEqual({ name: 'Berlin round', cutAt: '2025-03-01T09:00:00.000Z' });
  });

  it('reads a copy: exporting does not change the live document', () => {
    const session = WorkspaceSession.create(tmpFile(), sampleSeed());
    open.push(session);
    const before = session.getDoc('framework').getXmlFragment('prosemirror').toString();
    sessionExportSource(session).documentNode('framework');
    expect(session.getDoc('framework').getXmlFragment('prosemirror').toString()).toBe(before);
  });

  it('names an unknown document with a typed error', () => {
    const session = WorkspaceSession.create(tmpFile(), sampleSeed());
    open.push(session);
    let caught: unknown;
    try {
      sessionExportSource(session).documentNode('nope');
    } catch (err) {
      caught = err;
    }
    expect(isChanceryError(caught, 'DOCUMENT_NOT_FOUND')).toBe(true);
  });
});
