import { describe, expect, it } from 'vitest';
import { PrivateDocGate } from './private-doc-gate';

describe('PrivateDocGate', () => {
  it('asks for the private document only once the manifest settled', () => {
    const gate = new PrivateDocGate();
    gate.socketOpened();
    expect(gate.mayOpen('private_ALD', false)).toBe(false);
    expect(gate.mayOpen('private_ALD', true)).toBe(true);
  });

  it('holds a refusal until the next connection or the next change of the manifest, not longer', () => {
    const gate = new PrivateDocGate();
    gate.socketOpened();
    gate.refused('private_ALD');
    expect([gate.isRefused('private_ALD'), gate.mayOpen('private_ALD', true)]).toEqual([true, false]);
    gate.socketOpened();
    expect(gate.mayOpen('private_ALD', true)).toBe(true);

    gate.refused('private_ALD');
    gate.manifestChanged();
    expect(gate.isRefused('private_ALD')).toBe(false);
    expect(gate.isRefused('private_VEL')).toBe(false);
  });
});
