import { afterEach, describe, expect, it } from 'vitest';
import { buildExportPackage } from '../../../shared/export/build-export';
import type { ExportClause, ExportPackage } from '../../../shared/export/export-model';
import { renderHtml } from '../../../shared/export/render-html';
import { renderMarkdown } from '../../../shared/export/render-markdown';
import { newSigner, recordUpdate, tmpFile } from '../positions/positions-test-support';
import { sampleSeed } from '../workspace/sample';
import { summarizeWorkspace } from '../workspace/workspace-summary';
import { WorkspaceSession } from '../workspace/workspace-session';
import { sessionExportSource } from './session-source';

const open: WorkspaceSession[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

/** A delegation's private note: it must appear in no export, in no format. */
const SECRET = 'Fallback for the capital only: we could live with sixty days';

function sample() {
  const user = newSigner();
  const session = WorkspaceSession.create(tmpFile(), sampleSeed({ convener: { signer: user, name: 'Ines Park' }, firstPartyHead: true }));
  open.push(session);
  const firstClause = session.positions.docPositions('framework').clauses[0]!.clauseId;
  session.notes.add('ALD', 'framework', firstClause, SECRET, { name: 'Ines Park', key: user.publicKey });
  return { session, user };
}

const clausesOf = (pkg: ExportPackage) =>
  pkg.documents.flatMap((d) => d.content.filter((c): c is ExportClause => c.kind === 'clause').map((c) => ({ doc: d.id, c })));

describe('buildExportPackage on the sample negotiation', { timeout: 60_000 }, () => {
  it('has the figures `chancery info --json` prints, for the package and each document', () => {
    const { session } = sample();
    const pkg = buildExportPackage(sessionExportSource(session));
    const info = summarizeWorkspace(session);
    expect(pkg.agreement).toEqual(info.agreement);
    expect(pkg.documents.map((d) => [d.id, d.title, d.agreement])).toEqual(info.documents.map((d) => [d.id, d.title, d.agreement]));
    expect(pkg.parties.map((p) => p.code)).toEqual(['ALD', 'VEL', 'MPS', 'DUN']);
    expect(pkg.partial).toBe(false);
  });

  it('brackets exactly the disputed and reserved clauses, offers every proposal as an option by its proposer and footnotes every party', () => {
    const { session } = sample();
    const pkg = buildExportPackage(sessionExportSource(session));
    const all = clausesOf(pkg);
    expect(all.length).toBe(pkg.agreement.clauses);
    for (const { doc, c } of all) {
      const view = session.positions.docPositions(doc).clauses.find((v) => v.clauseId === c.id)!;
      expect(c.state).toBe(view.state);
      expect(c.bracketed).toBe(view.state === 'disputed' || view.state === 'reserved');
      expect(c.positions.map((p) => p.party)).toEqual(['ALD', 'VEL', 'MPS', 'DUN']);
      for (const p of c.positions) {
        const notes = c.footnotes.map((f) => f.text).join(' ');
        if (p.status === 'disputed') {
          const disputed = c.footnotes.find((f) => f.text.startsWith('Disputed by'))!.text;
          expect(disputed).toContain(p.comment ? `${p.partyName} (${p.party}): ${p.comment}` : `${p.partyName} (${p.party})`);
        }
        if (p.status === 'reserved') expect(notes).toContain(`${p.partyName} (${p.party})`);
        if (p.proposal) {
          const option = c.options.find((o) => o.text === p.proposal!.trim().replace(/\s+/gu, ' '))!;
          expect(option.parties.map((x) => x.name)).toContain(p.partyName);
        }
      }
    }
    expect(pkg.counts.bracketed).toBe(pkg.agreement.disputed + pkg.agreement.reserved);
    expect(pkg.counts.options).toBeGreaterThanOrEqual(10);
    expect(pkg.counts.reservations).toBeGreaterThanOrEqual(1);
  });

  it('keeps "5 bis" as the editor shows it, and marks the stale acceptance as not agreement', () => {
    const { session } = sample();
    const pkg = buildExportPackage(sessionExportSource(session));
    const framework = clausesOf(pkg).filter((x) => x.doc === 'framework').map((x) => x.c.label);
    expect(framework.slice(framework.indexOf('5 bis') - 1, framework.indexOf('5 bis') + 2)).toEqual(['5', '5 bis', '6']);
    const stale = clausesOf(pkg).filter(({ c }) => c.positions.some((p) => p.stale));
    expect(stale).toHaveLength(1);
    expect(stale[0]!.c.state).not.toBe('agreed');
    expect(stale[0]!.c.footnotes.map((f) => f.text).join(' ')).toMatch(/given on earlier text; not counted as agreement\./u);
    expect(renderHtml(pkg, { clean: false, agreedOnly: false })).toContain('(earlier text)');
    expect(renderMarkdown(pkg, { clean: false, agreedOnly: false })).toContain('**5 bis.**');
  });

  it('marks a record that does not verify, and does not count it', () => {
    const { session } = sample();
    const target = session.positions.docPositions('framework').clauses.find((c) => c.parties.some((p) => p.party === 'VEL' && p.record?.status === 'accepted'))!;
    const genuine = target.parties.find((p) => p.party === 'VEL')!.record!;
    const before = summarizeWorkspace(session).agreement;
    session.applyPeerUpdate('framework', recordUpdate(session, 'framework', { ...genuine, status: 'disputed', at: new Date(Date.now() + 5000).toISOString() }));
    const pkg = buildExportPackage(sessionExportSource(session));
    const c = clausesOf(pkg).find((x) => x.c.id === target.clauseId)!.c;
    expect(c.positions.find((p) => p.party === 'VEL')).toMatchObject({ status: 'accepted', invalid: 1 });
    expect(c.footnotes.map((f) => f.text)).toContain(`1 record that does not verify (${pkg.parties[1]!.name} (VEL)) is not counted.`);
    expect(pkg.counts.invalid).toBe(1);
    expect(pkg.agreement).toEqual({ ...before, invalid: before.invalid + 1 });
    expect(pkg.agreement).toEqual(summarizeWorkspace(session).agreement);
  });

  it('exports one document when asked, and never prints a private note in any format or version', () => {
    const { session } = sample();
    const source = sessionExportSource(session);
    const one = buildExportPackage(source, { docId: 'framework' });
    expect(one.documents.map((d) => d.id)).toEqual(['framework']);
    expect(one.partial).toBe(true);
    const full = buildExportPackage(source);
    expect(session.notes.list('ALD', 'framework').map((n) => n.text)).toEqual([SECRET]);
    for (const pkg of [one, full]) {
      for (const options of [{ clean: false, agreedOnly: false }, { clean: true, agreedOnly: false }, { clean: true, agreedOnly: true }]) {
        expect(renderHtml(pkg, options)).not.toContain('capital only');
        expect(renderMarkdown(pkg, options)).not.toContain('capital only');
      }
      expect(JSON.stringify(pkg.documents.map((d) => d.content.map((c) => c.node.toJSON())))).not.toContain('capital only');
    }
  });
});
