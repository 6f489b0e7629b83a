import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import { seededRandom } from '../../../shared/testing/seeded-random';
import { runCli } from '../cli/cli';
import { rowDigest } from '../store/schema-migrations';
import { listDir, sha256, withSqlite } from '../store/store-test-support';
import { sampleSeed } from './sample';
import { WorkspaceSession } from './workspace-session';

/**
 * Thirty ways a stored row can be unreadable — flipped bytes, truncation, random blobs, the wrong
 * SQLite type, foreign structure, a missing manifest — each checked the way a user meets it:
 * `chancery info` says so in one line (never a stack trace) and exits non-zero, the app opens every
 * other document and never writes to the damaged one, and the file stays byte-for-byte as it was.
 */

const dir = mkdtempSync(join(tmpdir(), 'chancery-damaged-'));
const pristine = join(dir, 'pristine.chancery');
const sample = sampleSeed();
const target = sample.documents[1]!; // an annex: the framework must still open beside it

function rowOf(path: string, docId: string): Buffer {
  return withSqlite(path, (db) => db.prepare('SELECT data FROM updates WHERE doc_id = ? ORDER BY seq LIMIT 1').pluck().get(docId) as Buffer, { readonly: true });
}

/** Replaces the doc's rows with one row holding `data` (keeping the digest column right, unless told). */
function setRow(docId: string, data: unknown, opts: { digest?: 'match' | 'keep' } = {}) {
  return (path: string) =>
    withSqlite(path, (db) => {
      const old = db.prepare('SELECT digest FROM updates WHERE doc_id = ? LIMIT 1').pluck().get(docId) as Buffer;
      db.prepare('DELETE FROM updates WHERE doc_id = ?').run(docId);
      const digest = opts.digest === 'keep' ? old : Buffer.isBuffer(data) ? rowDigest(data) : Buffer.alloc(32);
      db.prepare('INSERT INTO updates (doc_id, data, digest) VALUES (?, ?, ?)').run(docId, data, digest);
    });
}

/** A valid Yjs update of a document whose content is `build(fragment, doc)`. */
function foreign(build: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Buffer {
  const doc = new Y.Doc();
  build(doc.getXmlFragment(CONTENT_FRAGMENT), doc);
  return Buffer.from(Y.encodeStateAsUpdate(doc));
}

function flipped(data: Buffer, at: number): Buffer {
  const copy = Buffer.from(data);
  copy[at] = copy[at]! ^ 0x5a;
  return copy;
}

interface Variant {
  name: string;
  damage: (path: string) => void;
  /** Which doc the damage concerns; the manifest makes the whole workspace unreadable. */
  concerns: 'document' | 'manifest';
}

function variants(original: Buffer, manifestRow: Buffer): Variant[] {
  const doc = (name: string, damage: (path: string) => void): Variant => ({ name, damage, concerns: 'document' });
  const out: Variant[] = [];
  for (const at of [0, 1, 3, 8, Math.floor(original.length / 3), Math.floor(original.length / 2), original.length - 2, original.length - 1]) {
    out.push(doc(`byte ${at} flipped`, setRow(target.id, flipped(original, at), { digest: 'keep' })));
  }
  for (const len of [1, 2, Math.floor(original.length / 2), original.length - 1]) {
    out.push(doc(`cut to ${len} bytes`, setRow(target.id, original.subarray(0, len), { digest: 'keep' })));
  }
  const random = seededRandom(77);
  for (const size of [16, 400]) {
    out.push(doc(`a random blob of ${size} bytes (checksum matching)`, setRow(target.id, Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256))))));
  }
  out.push(doc('an empty blob', setRow(target.id, Buffer.alloc(0))));
  out.push(doc('an INTEGER where the edit should be', setRow(target.id, 123456)));
  out.push(doc('a TEXT value where the edit should be', setRow(target.id, 'not an edit')));
  out.push(doc('a REAL value where the edit should be', setRow(target.id, 3.25)));
  out.push(doc('bare text at the top level (valid Yjs)', setRow(target.id, foreign((f) => f.insert(0, [new Y.XmlText('loose text')])))));
  out.push(doc('an unknown node type (valid Yjs)', setRow(target.id, foreign((f) => f.insert(0, [new Y.XmlElement('table')])))));
  out.push(doc('a clause without an id (valid Yjs)', setRow(target.id, foreign((f) => {
    const clause = new Y.XmlElement('clause');
    clause.insert(0, [new Y.XmlElement('paragraph')]);
    f.insert(0, [clause]);
  }))));
  out.push(doc('the text stored as a map (valid Yjs)', setRow(target.id, foreign((_f, d) => {
    d.share.delete(CONTENT_FRAGMENT);
    d.getMap(CONTENT_FRAGMENT).set('body', 'all the text');
  }))));
  out.push(doc('another application\'s root type (valid Yjs)', setRow(target.id, foreign((_f, d) => d.getText('quill').insert(0, 'x')))));
  out.push(doc('an update that refers to edits the file lacks', setRow(target.id, (() => {
    const d = new Y.Doc();
    const t = d.getXmlFragment(CONTENT_FRAGMENT);
    t.insert(0, [new Y.XmlElement('paragraph')]);
    const sv = Y.encodeStateVector(d);
    (t.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('orphan')]);
    return Buffer.from(Y.encodeStateAsUpdate(d, sv));
  })())));
  out.push(doc('every row of the document deleted', (p) => withSqlite(p, (db) => db.prepare('DELETE FROM updates WHERE doc_id = ?').run(target.id))));
  out.push({ name: 'the manifest row deleted', concerns: 'manifest', damage: (p) => withSqlite(p, (db) => db.prepare('DELETE FROM updates WHERE doc_id = ?').run(MANIFEST_DOC_ID)) });
  out.push({ name: 'a manifest byte flipped', concerns: 'manifest', damage: setRow(MANIFEST_DOC_ID, flipped(manifestRow, 4), { digest: 'keep' }) });
  out.push({ name: 'the manifest cut short', concerns: 'manifest', damage: setRow(MANIFEST_DOC_ID, manifestRow.subarray(0, 20), { digest: 'keep' }) });
  out.push({ name: 'a manifest row that is an INTEGER', concerns: 'manifest', damage: setRow(MANIFEST_DOC_ID, 7) });
  out.push({ name: 'a manifest with a foreign part (valid Yjs)', concerns: 'manifest', damage: setRow(MANIFEST_DOC_ID, foreign((_f, d) => d.getMap('workspace').set('title', 42))) });
  return out;
}

let stderr = '';
beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  return () => vi.restoreAllMocks();
});

let all: Variant[] = [];
beforeAll(() => {
  WorkspaceSession.create(pristine, sample).close();
  all = variants(rowOf(pristine, target.id), rowOf(pristine, MANIFEST_DOC_ID));
});
afterAll(() => vi.restoreAllMocks());

describe('damaged workspace files', () => {
  it('has thirty variants', () => {
    expect(all).toHaveLength(30);
  });

  it.each(Array.from({ length: 30 }, (_, i) => i))('variant %i: reported in one line, nothing else lost, the file untouched', async (i) => {
    const variant = all[i]!;
    const file = join(dir, `v${i}.chancery`);
    copyFileSync(pristine, file);
    variant.damage(file);
    const before = sha256(file);

    // The command line: one line naming what is damaged, a non-zero exit, no stack trace.
    let out = '';
    const code = await runCli(['info', file], (s) => (out += s));
    expect(code, variant.name).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    expect(lines, `${variant.name}: ${stderr}`).toHaveLength(1);
    expect(lines[0]).toMatch(/^chancery: /u);
    expect(stderr).not.toMatch(/\n\s+at /u);
    if (variant.concerns === 'document') {
      expect(lines[0]).toContain(target.title);
      expect(lines[0]).toMatch(/damaged/u);
      // It says what is wrong: altered bytes fail their checksum, other programs' values are named.
      if (/flipped|cut to/u.test(variant.name)) expect(lines[0]).toMatch(/does not match its checksum/u);
      if (/INTEGER|TEXT|REAL/u.test(variant.name)) expect(lines[0]).toMatch(/not as edit data/u);
      // The other documents are still summarised.
      for (const d of sample.documents) if (d.id !== target.id) expect(out).toContain(d.title);
    } else {
      expect(lines[0]).toMatch(/list of documents/u);
    }
    expect(sha256(file)).toBe(before);
    expect(listDir(dir).filter((f) => f.startsWith(`v${i}.`))).toEqual([`v${i}.chancery`]);

    // The app: other documents open, the damaged one is refused and never written to.
    if (variant.concerns === 'document') {
      const session = WorkspaceSession.open(file);
      try {
        for (const d of sample.documents) {
          if (d.id === target.id) expect(() => session.getDoc(d.id)).toThrow(expect.objectContaining({ code: 'DOCUMENT_DAMAGED' }));
          else expect(session.getDoc(d.id)).toBeDefined();
        }
        expect(session.damagedDocuments().map((d) => d.docId)).toEqual([target.id]);
        // The agreement figures leave the damaged document out instead of failing.
        const agreement = session.positions.packageAgreement();
        expect(Object.keys(agreement.documents)).toEqual(sample.documents.filter((d) => d.id !== target.id).map((d) => d.id));
        expect(() => session.applyRendererUpdate(target.id, new Uint8Array([0, 0]), 1)).toThrow(expect.objectContaining({ code: 'DOCUMENT_DAMAGED' }));
      } finally {
        session.close();
      }
      const rows = (path: string) =>
        withSqlite(path, (db) => db.prepare('SELECT data FROM updates WHERE doc_id = ?').pluck().all(target.id), { readonly: true });
      const again = join(dir, `v${i}-fresh.chancery`);
      copyFileSync(pristine, again);
      variant.damage(again);
      expect(rows(file)).toEqual(rows(again));
    } else {
      // A failed open releases the file and leaves it exactly as it was, with nothing beside it.
      expect(() => WorkspaceSession.open(file)).toThrow(expect.objectContaining({ code: 'WORKSPACE_CORRUPT' }));
      expect(() => WorkspaceSession.open(file)).toThrow(expect.objectContaining({ code: 'WORKSPACE_CORRUPT' }));
      expect(sha256(file)).toBe(before);
      expect(listDir(dir).filter((f) => f.startsWith(`v${i}.`))).toEqual([`v${i}.chancery`]);
    }
  });

  it('prints the technical details of a failure only when asked with --debug', async () => {
    const file = join(dir, 'debug.chancery');
    copyFileSync(pristine, file);
    all[0]!.damage(file);
    await runCli(['info', file, '--debug'], () => {});
    expect(stderr.split('\n')[0]).toMatch(/^chancery: .*damaged/u);
    expect(stderr).toMatch(/\n\s+at /u);
  });
});
