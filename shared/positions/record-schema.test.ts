import { describe, expect, it } from 'vitest';
import type { PositionRecord, RosterEntry } from './model';
import { isRecordTime, MAX_COMMENT_LENGTH, MAX_NAME_LENGTH, MAX_PROPOSAL_LENGTH, parsePositionRecord, parseRosterEntry } from './record-schema';

const KEY = `${'A'.repeat(42)}E`;
const SIG = `${'B'.repeat(85)}Q`;
const record: PositionRecord = {
  v: 1, workspaceId: 'ws-1', docId: 'framework', clauseId: 'c-0123456789abcdef', party: 'VEL', status: 'disputed', textHash: 'f'.repeat(64),
  comment: 'Not yet.', proposal: 'Alternative wording.', at: '2026-03-01T09:00:00.000Z', member: KEY, signature: SIG,
};
const admit: RosterEntry = { v: 1, action: 'admit', workspaceId: 'ws-1', at: '2026-03-01T09:00:00.000Z', signer: KEY, key: KEY, name: 'Vera', role: 'member', party: 'VEL', signature: SIG };

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toMatchObject({ code: 'INVALID_UPDATE' });
    return /field "([^"]+)"/u.exec((err as Error).message)?.[1] ?? '?';
  }
  return 'accepted';
}

describe('stored record shapes', () => {
  it('accepts what Chancery writes, unchanged', () => {
    expect(parsePositionRecord(record)).toEqual(record);
    expect(parseRosterEntry(admit)).toEqual(admit);
    const { comment: _c, proposal: _p, ...bare } = record;
    expect(parsePositionRecord(bare)).toEqual(bare);
  });

  it('refuses each bad field, naming it', () => {
    const bad: [Partial<Record<keyof PositionRecord | 'extra', unknown>>, string][] = [
      [{ v: 2 }, 'v'],
      [{ workspaceId: 'has space' }, 'workspaceId'],
      [{ docId: '' }, 'docId'],
      [{ clauseId: 'c-XYZ' }, 'clauseId'],
      [{ party: 'a/b' }, 'party'],
      [{ status: 'agreed' }, 'status'],
      [{ textHash: 'F'.repeat(64) }, 'textHash'],
      [{ comment: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }, 'comment'],
      [{ proposal: 'x'.repeat(MAX_PROPOSAL_LENGTH + 1) }, 'proposal'],
      [{ at: '2026-03-01T09:00:00Z' }, 'at'],
      [{ at: '2026-02-30T09:00:00.000Z' }, 'at'],
      [{ at: '2026-03-01T09:00:00.000+01:00' }, 'at'],
      [{ member: `${'A'.repeat(42)}B` }, 'member'],
      [{ member: 'A'.repeat(44) }, 'member'],
      [{ signature: 'B'.repeat(86) }, 'signature'],
      [{ extra: 1 }, '?'],
    ];
    for (const [change, field] of bad) {
      const got = fieldOf(() => parsePositionRecord({ ...record, ...change }));
      if (field === '?') expect(got).not.toBe('accepted');
      else expect(got, JSON.stringify(change).slice(0, 60)).toBe(field);
    }
    expect(fieldOf(() => parsePositionRecord('text'))).not.toBe('accepted');
  });

  it('roster entries: per action, strict, party rules by role', () => {
    expect(fieldOf(() => parseRosterEntry({ ...admit, name: 'x'.repeat(MAX_NAME_LENGTH + 1) }))).toBe('name');
    expect(fieldOf(() => parseRosterEntry({ ...admit, name: '   ' }))).toBe('name');
    expect(fieldOf(() => parseRosterEntry({ ...admit, role: 'observer' }))).toBe('party');
    const { party: _p, ...noParty } = admit as RosterEntry & { party: string };
    expect(fieldOf(() => parseRosterEntry(noParty))).toBe('party');
    expect(fieldOf(() => parseRosterEntry({ ...noParty, role: 'observer' }))).toBe('accepted');
    expect(fieldOf(() => parseRosterEntry({ ...admit, action: 'promote' }))).toBe('action');
    expect(fieldOf(() => parseRosterEntry({ v: 1, action: 'remove', workspaceId: 'ws-1', at: admit.at, signer: KEY, key: KEY, signature: SIG, name: 'x' }))).not.toBe('accepted');
  });

  it('times are one spelling per instant', () => {
    expect(isRecordTime(new Date(0).toISOString())).toBe(true);
    expect(isRecordTime('2026-03-01T24:00:00.000Z')).toBe(false);
  });
});
