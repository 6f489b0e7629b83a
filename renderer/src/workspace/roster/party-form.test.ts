import { describe, expect, it } from 'vitest';
import { normaliseColour, partyFormProblem, suggestColour } from './party-form';

const parties = [
  { code: 'EU', name: 'European Union', colour: '#1f5fa8' },
  { code: 'UA', name: 'Ukraine', colour: '#B0352B' },
];

describe('party form', () => {
  it('suggests a colour no party uses yet', () => {
    expect(suggestColour([])).toBe('#1f5fa8');
    expect(suggestColour(parties)).toBe('#2d7a4a');
  });

  it('accepts #rrggbb in any case and hands main lower case', () => {
    expect(normaliseColour(' #0057B7 ')).toBe('#0057b7');
    expect(normaliseColour('blue')).toBeNull();
    expect(normaliseColour('#05b')).toBeNull();
  });

  it('explains what keeps a party from being saved', () => {
    const ok = { code: 'US', name: 'United States', colour: '#123456' };
    expect(partyFormProblem(ok, parties, null)).toBeNull();
    expect(partyFormProblem({ ...ok, code: 'U S' }, parties, null)).toMatch(/cannot be a party code: use 1–64 letters/u);
    expect(partyFormProblem({ ...ok, code: 'EU' }, parties, null)).toMatch(/already a party EU/u);
    expect(partyFormProblem({ ...ok, code: 'EU' }, parties, parties[0]!)).toBeNull();
    expect(partyFormProblem({ ...ok, name: '  ' }, parties, null)).toMatch(/Give the party a name/u);
    expect(partyFormProblem({ ...ok, colour: 'red' }, parties, null)).toMatch(/“red” is not a colour/u);
  });
});
