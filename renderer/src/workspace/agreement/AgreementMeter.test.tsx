// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { AgreementSummary, PackageAgreement } from '../../../../shared/positions/model';
import { named, render } from '../roster/dialog-test-kit';
import { AgreementMeter } from './AgreementMeter';

function summary(clauses: number, agreed: number, agreedAdRef: number, accepted: number): AgreementSummary {
  const percent = clauses === 0 ? 0 : Math.round((agreed / clauses) * 1000) / 10;
  return {
    agreement: { clauses, agreed, agreedAdRef, disputed: 1, reserved: 0, open: clauses - agreed - agreedAdRef - 1, stale: 0, invalid: 0, percent },
    parties: {
      A: { accepted, acceptedAdRef: agreedAdRef, reserved: 0, disputed: 1, open: clauses - accepted - agreedAdRef - 1 },
      B: { accepted: agreed, acceptedAdRef: 0, reserved: 0, disputed: 0, open: clauses - agreed },
    },
  };
}

const agreement: PackageAgreement = {
  package: summary(38, 16, 3, 20),
  documents: { fw: summary(19, 8, 2, 10), an: summary(19, 8, 1, 10) },
};
const documents = [
  { id: 'fw', title: 'Framework' },
  { id: 'an', title: 'Annex' },
];
const parties = [
  { code: 'A', name: 'Alpha', colour: '#1f5fa8' },
  { code: 'B', name: 'Beta', colour: '#b0352b' },
];

const tableRows = (region: HTMLElement) =>
  [...named(region, 'table', 'Positions by party').querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('AgreementMeter', () => {
  it('leads with the package figure, counts ad referendum apart, and gives each document its meter', async () => {
    const { unmount } = await render(<AgreementMeter agreement={agreement} documents={documents} activeDocId={null} parties={parties} />, {});
    const region = named(document, 'section', 'Agreement');
    const pkg = named(region, 'meter', 'Package agreement');
    expect(pkg.getAttribute('aria-valuenow')).toBe('42.1');
    expect(region.querySelector('.agreement-headline')?.textContent).toBe('42.1% agreed+ 3 ad ref');
    expect(region.textContent).toContain('16 of 38 clauses agreed by every party');
    expect(named(region, 'meter', 'Framework agreement').getAttribute('aria-valuenow')).toBe('42.1');
    expect(named(region, 'meter', 'Annex agreement').getAttribute('aria-valuenow')).toBe('42.1');
    // "42.1% agreed" is said once, for the package; documents show the bare figure.
    expect(region.textContent!.split('% agreed').length - 1).toBe(1);
    await unmount();
  });

  it('shows the package’s party counts with no document open, and the active document’s otherwise', async () => {
    let view = await render(<AgreementMeter agreement={agreement} documents={documents} activeDocId={null} parties={parties} />, {});
    let region = named(document, 'section', 'Agreement');
    expect(tableRows(region)).toEqual([
      ['Party', 'Accepted', 'Ad ref', 'Reserved', 'Disputed', 'Open'],
      ['A', '20', '3', '0', '1', '14'],
      ['B', '16', '0', '0', '0', '22'],
    ]);
    expect(region.querySelector('caption')?.textContent).toBe('Positions across the package');
    await view.unmount();
    document.body.innerHTML = '';

    view = await render(<AgreementMeter agreement={agreement} documents={documents} activeDocId="fw" parties={parties} />, {});
    region = named(document, 'section', 'Agreement');
    expect(tableRows(region)[1]).toEqual(['A', '10', '2', '0', '1', '6']);
    expect(region.querySelector('caption')?.textContent).toBe('Positions in Framework');
    await view.unmount();
  });

  it('while main checks signatures, shows how far it has got and no figure that is not checked', async () => {
    // Main has checked the framework only: `package` then sums just it, which is no package figure.
    const soFar: PackageAgreement = { package: agreement.documents.fw!, documents: { fw: agreement.documents.fw! }, checking: { checked: 1, total: 2 } };
    let view = await render(<AgreementMeter agreement={soFar} documents={documents} activeDocId="an" parties={parties} />, {});
    let region = named(document, 'section', 'Agreement');
    expect(region.querySelector('[role="status"]')?.textContent).toBe('Checking signatures… (1 of 2 documents)');
    expect(region.querySelector('meter[aria-label="Package agreement"]')).toBeNull();
    expect(region.textContent).not.toContain('% agreed');
    expect(named(region, 'meter', 'Framework agreement').getAttribute('aria-valuenow')).toBe('42.1');
    expect(region.querySelector('meter[aria-label="Annex agreement"]')).toBeNull();
    expect(region.querySelector('.agreement-docs')?.textContent).toContain('Annexchecking…');
    // The annex is open but not checked yet: no party counts, rather than the framework's.
    expect(region.querySelector('table')).toBeNull();
    await view.unmount();
    document.body.innerHTML = '';

    view = await render(<AgreementMeter agreement={agreement} documents={documents} activeDocId="an" parties={parties} />, {});
    region = named(document, 'section', 'Agreement');
    expect(named(region, 'meter', 'Package agreement').getAttribute('aria-valuenow')).toBe('42.1');
    expect(region.querySelector('[role="status"]')).toBeNull();
    await view.unmount();
  });

  it('shows 0.0% for a document main has not counted yet, and waits politely for the first figures', async () => {
    let view = await render(
      <AgreementMeter agreement={agreement} documents={[...documents, { id: 'new', title: 'New annex' }]} activeDocId={null} parties={parties} />,
      {},
    );
    expect(named(document, 'meter', 'New annex agreement').getAttribute('aria-valuenow')).toBe('0');
    await view.unmount();
    document.body.innerHTML = '';

    view = await render(<AgreementMeter agreement={null} documents={documents} activeDocId={null} parties={parties} />, {});
    expect(named(document, 'section', 'Agreement').textContent).toContain('Counting positions…');
    await view.unmount();
  });
});
