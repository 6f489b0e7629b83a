import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChanceryError } from '../../../shared/errors';
import { parsedFrom, readSmallTextFile, safeFileName, withExtension, writeTextFile } from './small-text-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chancery-small-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const kind = { what: 'the invitation', instead: 'copy the invitation as text instead' };
const tooLarge = (size: number) => new ChanceryError('INVALID_INVITATION', `not an invitation: ${size} bytes`);

describe('small text files handed between people', () => {
  it('offers a file name without characters file systems refuse, and adds a missing extension', () => {
    expect(safeFileName('Harbour: talks / "final"?', '.chancery', 'Negotiation')).toBe('Harbour talks final.chancery');
    expect(safeFileName('  \u0007 ', '.chancery-card', 'Member card')).toBe('Member card.chancery-card');
    expect(withExtension(join(dir, 'a'), '.chancery')).toBe(join(dir, 'a.chancery'));
    expect(withExtension(join(dir, 'a.CHANCERY'), '.chancery')).toBe(join(dir, 'a.CHANCERY'));
  });

  it('writes one line and reads it back; a file over the limit is refused before it is read', () => {
    const path = join(dir, 'x.chancery-invitation');
    writeTextFile(path, 'chancery-invitation:abc', kind);
    expect(readFileSync(path, 'utf8')).toBe('chancery-invitation:abc\n');
    expect(readSmallTextFile(path, 1024, tooLarge)).toBe('chancery-invitation:abc\n');
    writeFileSync(path, 'x'.repeat(2000));
    expect(() => readSmallTextFile(path, 1024, tooLarge)).toThrow(expect.objectContaining({ code: 'INVALID_INVITATION', message: 'not an invitation: 2000 bytes' }));
  });

  it('names the file in one line when it cannot be read or written, or does not parse', () => {
    const missing = join(dir, 'missing.chancery-card');
    expect(() => readSmallTextFile(missing, 1024, tooLarge)).toThrow(expect.objectContaining({ code: 'STORAGE_FAILED', message: expect.stringContaining(missing) }));
    const noFolder = join(dir, 'no-folder', 'x.chancery-invitation');
    expect(() => writeTextFile(noFolder, 'x', kind)).toThrow(expect.objectContaining({ code: 'STORAGE_FAILED', message: expect.stringMatching(/save the invitation .*copy the invitation as text instead\.$/u) }));
    expect(() =>
      parsedFrom(missing, () => {
        throw new ChanceryError('INVALID_MEMBER_CARD', 'This is not a member card.');
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_MEMBER_CARD', message: `"${missing}": This is not a member card.` }));
  });
});
