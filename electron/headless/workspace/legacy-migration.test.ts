import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { legacyClauseId } from '../../../shared/schema/clause-ids';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { legacySchema } from '../../../shared/testing/legacy-schema';
import { documentNode } from '../../../shared/workspace/document-content';
import { addDocumentEntry, initManifest, MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import { runCli } from '../cli/cli';
import { sha256, writeFormat1 } from '../store/store-test-support';
import { WorkspaceSession } from './workspace-session';

/** What Chancery 0.1 stored for a short framework: a heading, two clauses, a bulleted list. */
const OLD_FRAMEWORK = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Framework' }] },
    { type: 'clause', attrs: { id: 'fw-01', label: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The Parties agree.' }] }] },
    {
      type: 'clause',
      attrs: { id: 'fw-02', label: '1 bis' },
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'They shall:', marks: [{ type: 'strong' }] }] },
        { type: 'bullet_list', content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'withdraw' }] }] }] },
      ],
    },
  ],
};

function oldRows(): { docId: string; data: Uint8Array }[] {
  const manifest = new Y.Doc();
  initManifest(manifest, 'Old round', [], null);
  addDocumentEntry(manifest, { id: 'framework', title: 'Framework' }, null);
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(legacySchema, OLD_FRAMEWORK, doc.getXmlFragment(CONTENT_FRAGMENT));
  return [
    { docId: MANIFEST_DOC_ID, data: Y.encodeStateAsUpdate(manifest) },
    { docId: 'framework', data: Y.encodeStateAsUpdate(doc) },
  ];
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chancery-legacy-'));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe('a workspace written by Chancery 0.1 (format 1)', () => {
  it('is read by the CLI without being changed, its content upgraded in memory', async () => {
    const file = join(dir, 'old.chancery');
    writeFormat1(file, oldRows());
    const before = sha256(file);
    let out = '';
    expect(await runCli(['info', file, '--json'], (s) => (out += s))).toBe(0);
    expect(JSON.parse(out).documents).toEqual([expect.objectContaining({ id: 'framework', title: 'Framework', clauses: 2, words: 7 })]);
    expect(sha256(file)).toBe(before);
  });

  it('is migrated when opened for editing: same text, ids mapped, and identically on every copy', () => {
    const file = join(dir, 'old.chancery');
    writeFormat1(file, oldRows());
    const copy = join(dir, 'copy.chancery');
    copyFileSync(file, copy);

    const states: Uint8Array[] = [];
    for (const path of [file, copy]) {
      const session = WorkspaceSession.open(path);
      try {
        expect(session.store.meta.formatVersion).toBe(2);
        const node = documentNode(session.getDoc('framework'));
        node.check();
        expect(node.textContent).toBe('FrameworkThe Parties agree.They shall:withdraw');
        const clauses: { id: unknown; label: unknown }[] = [];
        node.forEach((child) => {
          if (child.type.name === 'clause') clauses.push({ id: child.attrs.id, label: child.attrs.label });
        });
        expect(clauses).toEqual([
          { id: legacyClauseId('fw-01'), label: null },
          { id: legacyClauseId('fw-02'), label: '1 bis' },
        ]);
        expect(node.firstChild!.type.name).not.toBe('heading');
        states.push(Y.encodeStateAsUpdate(session.getDoc('framework')));
      } finally {
        session.close();
      }
    }
    expect(states[1]).toEqual(states[0]);
  });

  it('gives copies that had diverged before migrating different Yjs clients, so merging them cannot confuse items', () => {
    const file = join(dir, 'old.chancery');
    writeFormat1(file, oldRows());
    const diverged = join(dir, 'diverged.chancery');
    const rows = oldRows();
    const edited = new Y.Doc();
    Y.applyUpdate(edited, rows[1]!.data);
    const before = Y.encodeStateVector(edited);
    ((edited.getXmlFragment(CONTENT_FRAGMENT).get(1) as Y.XmlElement).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Both ')]);
    writeFormat1(diverged, [...rows, { docId: 'framework', data: Y.encodeStateAsUpdate(edited, before) }]);

    const clients = [file, diverged].map((path) => {
      const session = WorkspaceSession.open(path);
      try {
        return [...Y.decodeStateVector(Y.encodeStateVector(session.getDoc('framework'))).keys()];
      } finally {
        session.close();
      }
    });
    expect(clients[0]).toHaveLength(1);
    expect(clients[1]).toHaveLength(1);
    expect(clients[1]).not.toEqual(clients[0]);
  });
});
