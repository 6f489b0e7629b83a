import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../shared/errors';
import { WorkspaceStore } from './workspace-store';
import { catchChanceryError, listDir, makeTempDir, removeDir, sha256, withSqlite } from './store-test-support';
import { WORKSPACE_PAGE_SIZE } from './schema-migrations';

/**
 * Every kind of file a negotiator might point Chancery at by mistake, or that a crash, a bad copy
 * or another program left behind. Each must be refused with the right code and a message that names
 * the file and says what to do, and must be left exactly as it was: same bytes, nothing created
 * beside it (no -wal/-shm/-journal, no temp file).
 */

let root: string;
beforeAll(() => {
  root = makeTempDir('validation');
});
afterAll(() => removeDir(root));

/** A real workspace with enough content to span many pages. */
function realWorkspace(path: string): void {
  const store = WorkspaceStore.create(path);
  for (let i = 0; i < 300; i++) store.appendUpdate(`doc-${i % 5}`, randomBytes(200));
  store.close();
}

interface Case {
  name: string;
  code: ErrorCode;
  /** What the message must say besides the path. */
  says: RegExp;
  /** Builds the bad file at `path` (inside its own folder). */
  make: (path: string) => void;
}

const cases: Case[] = [
  {
    name: 'random bytes',
    code: 'WORKSPACE_CORRUPT',
    says: /does not start with the SQLite header.*restore it from a backup/s,
    make: (p) => writeFileSync(p, randomBytes(8192)),
  },
  {
    name: 'a short text file',
    code: 'WORKSPACE_CORRUPT',
    says: /SQLite header/,
    make: (p) => writeFileSync(p, 'Minutes of the Berlin round\n'),
  },
  {
    name: 'an empty file',
    code: 'WORKSPACE_CORRUPT',
    says: /is empty \(0 bytes\).*Copy it again|restore/s,
    make: (p) => writeFileSync(p, ''),
  },
  {
    name: 'a real workspace cut in half (interrupted copy)',
    code: 'WORKSPACE_CORRUPT',
    says: /incomplete or damaged: it should be \d+ bytes but has \d+/,
    make: (p) => {
      realWorkspace(p);
      truncateSync(p, Math.floor(readFileSync(p).length / 2 / WORKSPACE_PAGE_SIZE) * WORKSPACE_PAGE_SIZE);
    },
  },
  {
    name: 'a real workspace missing its last 100 bytes',
    code: 'WORKSPACE_CORRUPT',
    says: /incomplete or damaged/,
    make: (p) => {
      realWorkspace(p);
      truncateSync(p, readFileSync(p).length - 100);
    },
  },
  {
    name: 'a real workspace cut inside the header',
    code: 'WORKSPACE_CORRUPT',
    says: /SQLite header/,
    make: (p) => {
      realWorkspace(p);
      truncateSync(p, 60);
    },
  },
  {
    name: 'a real workspace with a damaged page inside (same size)',
    code: 'WORKSPACE_CORRUPT',
    says: /damaged/,
    make: (p) => {
      realWorkspace(p);
      let root = 0;
      withSqlite(p, (db) => {
        root = Number(db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'updates'").pluck().get());
      });
      const fd = openSync(p, 'r+');
      writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (root - 1) * WORKSPACE_PAGE_SIZE); // smash the b-tree page header
      closeSync(fd);
    },
  },
  {
    name: "another program's SQLite database (a notes table)",
    code: 'WORKSPACE_FOREIGN',
    says: /made by another program.*not a Chancery workspace/s,
    make: (p) =>
      withSqlite(p, (db) => {
        db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('lunch')");
      }),
  },
  {
    name: "another program's SQLite database in WAL mode",
    code: 'WORKSPACE_FOREIGN',
    says: /another program/,
    make: (p) =>
      withSqlite(p, (db) => {
        db.pragma('journal_mode = WAL');
        db.exec('CREATE TABLE notes (body TEXT)');
      }),
  },
  {
    name: 'a workspace from a newer Chancery',
    code: 'WORKSPACE_TOO_NEW',
    says: /newer version of Chancery \(workspace format 3.*Update Chancery/s,
    make: (p) => {
      realWorkspace(p);
      withSqlite(p, (db) => db.pragma('user_version = 3'));
    },
  },
  {
    name: 'a Chancery-marked file without the workspace tables',
    code: 'WORKSPACE_CORRUPT',
    says: /lacks its meta, updates, versions, settings table/,
    make: (p) =>
      withSqlite(p, (db) => {
        db.pragma('application_id = 1128812099'); // 0x43484E43
        db.pragma('user_version = 1');
        db.exec('CREATE TABLE other (x)');
      }),
  },
  {
    name: 'a workspace whose identity record was removed',
    code: 'WORKSPACE_CORRUPT',
    says: /identity record is missing/,
    make: (p) => {
      realWorkspace(p);
      withSqlite(p, (db) => db.exec("DELETE FROM meta WHERE key = 'workspace_id'"));
    },
  },
  {
    name: 'a workspace altered to contain a trigger',
    code: 'WORKSPACE_FOREIGN',
    says: /triggers Chancery never creates: drop_edits/,
    make: (p) => {
      realWorkspace(p);
      withSqlite(p, (db) =>
        db.exec('CREATE TRIGGER drop_edits AFTER INSERT ON updates BEGIN DELETE FROM updates; END'),
      );
    },
  },
];

describe.each(['open', 'openReadOnly'] as const)('%s refuses a bad file and leaves it untouched', (mode) => {
  const openIt = (path: string) => (mode === 'open' ? WorkspaceStore.open(path) : WorkspaceStore.openReadOnly(path));

  it.each(cases)('$name -> $code', ({ name, code, says, make }) => {
    const folder = join(root, `${mode}-${name.replace(/[^a-z0-9]+/gi, '-')}`);
    mkdirSync(folder);
    const path = join(folder, 'talks.chancery');
    make(path);
    const before = sha256(path);
    const listing = listDir(folder);
    expect(listing).toEqual(['talks.chancery']);

    const err = catchChanceryError(() => openIt(path), code);
    expect(err.message).toContain(path);
    expect(err.message).toMatch(says);

    expect(sha256(path)).toBe(before);
    expect(listDir(folder)).toEqual(listing);
  });

  it('a folder -> WORKSPACE_FOREIGN, saying to choose the file itself', () => {
    const folder = join(root, `${mode}-folder.chancery`);
    mkdirSync(folder);
    const err = catchChanceryError(() => openIt(folder), 'WORKSPACE_FOREIGN');
    expect(err.message).toMatch(/is a folder.*Choose the \.chancery file itself/s);
    expect(listDir(folder)).toEqual([]);
  });

  it('a missing path -> WORKSPACE_NOT_FOUND, and nothing is created', () => {
    const path = join(root, `${mode}-missing.chancery`);
    const err = catchChanceryError(() => openIt(path), 'WORKSPACE_NOT_FOUND');
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/no workspace file.*Check the path/s);
    expect(existsSync(path)).toBe(false);
  });
});
