import { describe, expect, it } from 'vitest';
import type { AgreementFigures } from '../../../../shared/positions/model';
import { adRefText, breakdownText, checkingText, clausesText, partyRows, percentText, shortPercentText, stateSegments } from './meter-text';

const figures = (over: Partial<AgreementFigures> = {}): AgreementFigures => ({
  clauses: 40,
  agreed: 17,
  agreedAdRef: 3,
  disputed: 2,
  reserved: 1,
  open: 17,
  stale: 1,
  invalid: 0,
  percent: 42.5,
  ...over,
});

describe('meter text', () => {
  it('quotes the package figure with exactly one decimal', () => {
    expect(percentText(42.1)).toBe('42.1% agreed');
    expect(percentText(0)).toBe('0.0% agreed');
    expect(percentText(100)).toBe('100.0% agreed');
    expect(shortPercentText(66.7)).toBe('66.7%');
  });

  it('says how far signature checking has got, in documents', () => {
    expect(checkingText({ checked: 2, total: 5 })).toBe('Checking signatures… (2 of 5 documents)');
    expect(checkingText({ checked: 0, total: 1 })).toBe('Checking signatures… (0 of 1 document)');
  });

  it('counts ad referendum apart, and says nothing when there is none', () => {
    expect(adRefText(figures())).toBe('+ 3 ad ref');
    expect(adRefText(figures({ agreedAdRef: 0 }))).toBeNull();
  });

  it('says how many clauses every party agreed, and when there are none', () => {
    expect(clausesText(figures())).toBe('17 of 40 clauses agreed by every party');
    expect(clausesText(figures({ clauses: 1, agreed: 1 }))).toBe('1 of 1 clause agreed by every party');
    expect(clausesText(figures({ clauses: 0, agreed: 0 }))).toBe('No clauses yet');
  });

  it('lists what stands in the way, leaving out zeros', () => {
    expect(breakdownText(figures())).toBe('2 disputed · 1 reserved · 17 open · 1 stale');
    expect(breakdownText(figures({ disputed: 0, reserved: 0, open: 0, stale: 0, invalid: 2 }))).toBe('2 invalid');
  });

  it('draws one bar segment per state, sized by its share of the clauses', () => {
    expect(stateSegments(figures())).toEqual([
      { state: 'agreed', share: 42.5 },
      { state: 'agreed-ad-ref', share: 7.5 },
      { state: 'reserved', share: 2.5 },
      { state: 'disputed', share: 5 },
      { state: 'open', share: 42.5 },
    ]);
    expect(stateSegments(figures({ clauses: 0 }))).toEqual([]);
  });

  it('lists parties in roster order, with zeros for a party not counted yet and unknown codes last', () => {
    const counts = { accepted: 5, acceptedAdRef: 1, reserved: 0, disputed: 2, open: 2 };
    const rows = partyRows(
      { agreement: figures(), parties: { B: counts, ZZ: counts } },
      [
        { code: 'B', name: 'Beta', colour: '#ff7f0e' },
        { code: 'A', name: 'Alpha', colour: '#1f77b4' },
      ],
    );
    expect(rows.map((r) => [r.code, r.name, r.accepted, r.open])).toEqual([
      ['B', 'Beta', 5, 2],
      ['A', 'Alpha', 0, 0],
      ['ZZ', 'ZZ', 5, 2],
    ]);
  });
});
