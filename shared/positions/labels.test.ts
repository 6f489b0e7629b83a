import { describe, expect, it } from 'vitest';
import { CLAUSE_STATE_CODES, CLAUSE_STATE_LABELS, STATUS_CODES, STATUS_LABELS } from './labels';
import { CLAUSE_STATES, POSITION_STATUSES } from './model';

describe('labels', () => {
  it('name every status and clause state in the words the brief uses', () => {
    expect(STATUS_LABELS['accepted-ad-ref']).toBe('Accepted ad referendum');
    expect(CLAUSE_STATE_LABELS.agreed).toBe('Agreed by all');
    for (const s of [...POSITION_STATUSES, 'open' as const]) expect(STATUS_LABELS[s]).toMatch(/^[A-Z]/u);
    for (const s of CLAUSE_STATES) expect(CLAUSE_STATE_LABELS[s]).toMatch(/^[A-Z]/u);
  });

  it('give each status its own symbol and letter, so none rests on colour alone', () => {
    const codes = Object.values(STATUS_CODES);
    expect(new Set(codes.map((c) => c.symbol)).size).toBe(codes.length);
    expect(new Set(codes.map((c) => c.letter)).size).toBe(codes.length);
    const states = Object.values(CLAUSE_STATE_CODES);
    expect(new Set(states.map((c) => c.symbol)).size).toBe(states.length);
  });
});
