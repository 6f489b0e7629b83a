import { describe, expect, it } from 'vitest';
import { countsLine, type VerifyProblem, type VerifyReport } from './verify-report';

const problem = (kind: VerifyProblem['kind']): VerifyProblem => ({ kind, id: `${kind}-id`, reason: 'bad-signature', message: 'The signature does not match.' });

function report(rosterEntries: number, positions: number, problems: VerifyProblem[], damaged = 0): VerifyReport {
  return {
    valid: problems.length === 0 && damaged === 0,
    rosterEntries,
    positions,
    problems,
    damaged: Array.from({ length: damaged }, (_, i) => ({ id: `d${i}`, problem: 'unreadable' })),
  };
}

describe('chancery verify: the closing count', () => {
  it('says which kind failed, and that the other kind verifies', () => {
    expect(countsLine(report(11, 122, [problem('position')]))).toBe('1 of 122 positions does not verify; all 11 roster entries verify.');
    expect(countsLine(report(11, 122, [problem('roster'), problem('roster')]))).toBe('2 of 11 roster entries do not verify; all 122 positions verify.');
  });

  it('names both counts when both kinds failed', () => {
    const problems = [problem('roster'), problem('position'), problem('position'), problem('position')];
    expect(countsLine(report(11, 122, problems))).toBe('1 of 11 roster entries does not verify; 3 of 122 positions do not verify.');
  });

  it('words single records, empty kinds and documents that could not be read', () => {
    expect(countsLine(report(1, 1, [problem('position')]))).toBe('1 of 1 position does not verify; the one roster entry verifies.');
    expect(countsLine(report(3, 0, [problem('roster')]))).toBe('1 of 3 roster entries does not verify; there are no positions.');
    expect(countsLine(report(11, 40, [], 2))).toBe('All 11 roster entries verify; all 40 positions verify; 2 documents were not checked.');
  });
});
