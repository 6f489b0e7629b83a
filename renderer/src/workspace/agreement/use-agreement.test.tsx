// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { PackageAgreement } from '../../../../shared/positions/model';
import { fakeMain, render } from '../roster/dialog-test-kit';
import { useAgreement, type AgreementHook } from './use-agreement';

const figures = (percent: number): PackageAgreement => ({
  package: { agreement: { clauses: 10, agreed: percent / 10, agreedAdRef: 0, disputed: 0, reserved: 0, open: 10 - percent / 10, stale: 0, invalid: 0, percent }, parties: {} },
  documents: {},
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('useAgreement', () => {
  it('follows main’s pushes, and drops a first answer that arrives after a newer push', async () => {
    const main = fakeMain<PackageAgreement>();
    let seen: AgreementHook | null = null;
    function Probe() {
      seen = useAgreement(main.api as never);
      return null;
    }
    const view = await render(<Probe />, {});
    expect(seen!.agreement).toBeNull();
    await main.push('positions.agreementChanged', figures(50));
    await main.answer(figures(40));
    expect(seen!.agreement!.package.agreement.percent).toBe(50);
    await main.push('positions.agreementChanged', figures(60));
    expect(seen!.agreement!.package.agreement.percent).toBe(60);
    await view.unmount();
  });
});
