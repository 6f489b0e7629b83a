// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChanceryError } from '../../../../shared/errors';
import { fingerprint } from '../../../../shared/positions/fingerprint';
import { encodeMemberCard } from '../../../../shared/positions/member-card';
import type { RosterMember, RosterState, RosterView } from '../../../../shared/positions/model';
import { toBase64Url } from '../../../../shared/positions/signing';
import { button, buttonNames, choose, click, field, named, render, stubDialogs, typeInto } from './dialog-test-kit';
import { RosterDialog } from './RosterDialog';

const key = (n: number) => toBase64Url(new Uint8Array(32).fill(n));
const AT = '2025-03-01T09:00:00.000Z';
const K = { conv: key(1), headB: key(2), memberA: key(3), memberB: key(4), observer: key(5), newcomer: key(6) };

function m(k: string, name: string, role: RosterMember['role'], party: string | null, removedAt: string | null = null): RosterMember {
  return { key: k, name, role, party, since: AT, removedAt, admittedBy: role === 'convener' ? null : K.conv };
}

const convener = m(K.conv, 'Clara Convener', 'convener', null);
const headB = m(K.headB, 'Bruno Head', 'head', 'B');
const memberB = m(K.memberB, 'Berta Member', 'member', 'B');
const observer = m(K.observer, 'Olga Observer', 'observer', null);

const roster: RosterView = {
  convener: K.conv,
  parties: [
    { code: 'A', name: 'Alpha', colour: '#1f5fa8' },
    { code: 'B', name: 'Beta', colour: '#b0352b' },
  ],
  members: [
    convener,
    m(K.conv, 'Clara Convener', 'head', 'A'),
    m(K.memberA, 'Anton Member', 'member', 'A', '2025-03-02T10:00:00.000Z'),
    headB,
    memberB,
    observer,
  ],
  events: [
    {
      id: 'e1',
      entry: { v: 1, workspaceId: 'W', at: AT, signer: K.conv, action: 'convene', name: 'Clara Convener', signature: 's' },
      verdict: { valid: true },
    },
    {
      id: 'e2',
      entry: { v: 1, workspaceId: 'W', at: AT, signer: K.memberB, action: 'remove', key: K.headB, signature: 's' },
      verdict: { valid: false, reason: 'not-authorised', message: 'Berta Member may not remove Bruno Head: only the convener or the head of B may.' },
    },
  ],
};

const fakeApi = () => ({
  roster: {
    remove: vi.fn(async (): Promise<RosterState> => ({ roster, me: convener })),
    admit: vi.fn(async (): Promise<RosterState> => ({ roster, me: convener })),
    setParty: vi.fn(async (): Promise<RosterState> => ({ roster, me: convener })),
    retireParty: vi.fn(async (): Promise<RosterState> => ({ roster, me: convener })),
  },
  identity: { loadMemberCard: vi.fn(async () => ({ v: 1 as const, name: 'Nina Newcomer', key: K.newcomer })) },
});

async function open(me: RosterMember | null, api = fakeApi()) {
  const onChanged = vi.fn();
  const view = await render(<RosterDialog state={{ roster, me }} onChanged={onChanged} onClose={() => {}} />, api);
  return { ...view, api, onChanged, dialog: () => named(document, 'dialog', 'Roster') };
}

beforeAll(stubDialogs);
afterEach(() => {
  document.body.innerHTML = '';
});

describe('RosterDialog', () => {
  it('lists parties with their members, roles, fingerprints and removals, the observers and the signed history', async () => {
    const { dialog, unmount } = await open(convener);
    const partiesList = named(dialog(), 'ul', 'Parties');
    expect(partiesList.children).toHaveLength(2);
    const membersA = named(dialog(), 'ul', 'Members of A');
    expect(membersA.textContent).toContain('Clara Convener (you) Head of delegation');
    expect(membersA.textContent).toContain(fingerprint(K.conv));
    expect(membersA.textContent).toMatch(/Anton Member.*removed .*2025/u);
    expect(named(dialog(), 'ul', 'Observers').textContent).toContain('Olga Observer Observer');
    const history = named(dialog(), 'ol', 'Roster history');
    expect(history.children[0]!.textContent).toContain('Clara Convener convened the negotiationvalid');
    expect(history.children[1]!.textContent).toContain('only the convener or the head of B may');
    await unmount();
  });

  it('offers the convener every roster action, and removing anyone active but themselves', async () => {
    const { dialog, unmount } = await open(convener);
    const names = buttonNames(dialog());
    for (const name of ['Add party', 'Edit A', 'Edit B', 'Admit head of delegation', 'Admit observer', 'Enrol member']) expect(names).toContain(name);
    expect(names).toEqual(expect.arrayContaining(['Remove Bruno Head', 'Remove Berta Member', 'Remove Olga Observer']));
    expect(names).not.toContain('Remove Clara Convener');
    expect(names).not.toContain('Remove Anton Member');
    await unmount();
  });

  it('offers a head only enrolling and removing its own members', async () => {
    const { dialog, unmount } = await open(headB);
    const names = buttonNames(dialog()).filter((n) => n !== 'Close');
    expect(names).toEqual(['Remove Berta Member', 'Enrol member']);
    await unmount();
  });

  it('offers members and observers nothing but reading', async () => {
    for (const me of [memberB, observer]) {
      const { dialog, unmount } = await open(me);
      expect(buttonNames(dialog())).toEqual(['Close']);
      await unmount();
    }
  });

  it('removes a member through main and shows main’s refusal inside the dialog', async () => {
    const api = fakeApi();
    const { dialog, onChanged, unmount } = await open(convener, api);
    await click(button(dialog(), 'Remove Bruno Head'));
    expect(api.roster.remove).toHaveBeenCalledWith(K.headB);
    expect(onChanged).toHaveBeenCalledTimes(1);

    api.roster.remove.mockRejectedValueOnce(new ChanceryError('NOT_AUTHORISED', 'Only the convener may remove Olga Observer.'));
    await click(button(dialog(), 'Remove Olga Observer'));
    expect(dialog().querySelector('[role="alert"]')?.textContent).toBe('Only the convener may remove Olga Observer.');
    await unmount();
  });

  it('admits a head from a card loaded from a file, to the party chosen, after showing its fingerprint', async () => {
    const api = fakeApi();
    const { dialog, onChanged, unmount } = await open(convener, api);
    await click(button(dialog(), 'Admit head of delegation'));
    const admit = named(document, 'dialog', 'Admit member');
    expect(admit.textContent).toContain('Role: Head of delegation');
    const party = field<HTMLSelectElement>(admit, 'Party');
    await choose(party, 'B');
    await click(button(admit, 'Load card from file…'));
    const card = field<HTMLTextAreaElement>(admit, 'Member card');
    expect(card.value).toBe(encodeMemberCard({ v: 1, name: 'Nina Newcomer', key: K.newcomer }));
    expect(admit.textContent).toContain(fingerprint(K.newcomer));
    expect(admit.textContent).toContain('Admits Nina Newcomer as head of delegation of B');
    await click(button(admit, 'Admit'));
    expect(api.roster.admit).toHaveBeenCalledWith(card.value, 'head', 'B');
    expect(onChanged).toHaveBeenCalled();
    expect(document.body.textContent).not.toContain('Load card from file…');
    await unmount();
  });

  it('enrols a member into the head’s own party, and says what is wrong with a bad card', async () => {
    const api = fakeApi();
    api.roster.admit.mockRejectedValueOnce(new ChanceryError('INVALID_MEMBER_CARD', 'This is not a usable member card: it does not start with "chancery-member-card:".'));
    const { dialog, unmount } = await open(headB, api);
    await click(button(dialog(), 'Enrol member'));
    const admit = named(document, 'dialog', 'Admit member');
    const party = field<HTMLSelectElement>(admit, 'Party');
    expect([...party.options].map((o) => o.value)).toEqual(['B']);
    await typeInto(field<HTMLTextAreaElement>(admit, 'Member card'), 'hello');
    await click(button(admit, 'Admit'));
    expect(api.roster.admit).toHaveBeenCalledWith('hello', 'member', 'B');
    expect(admit.querySelector('[role="alert"]')?.textContent).toContain('not a usable member card');
    await unmount();
  });

  it('saves a new party with a code, a name and a colour, refusing a code already taken', async () => {
    const api = fakeApi();
    const { dialog, unmount } = await open(convener, api);
    await click(button(dialog(), 'Add party'));
    const party = named(document, 'dialog', 'Party');
    await typeInto(field(party, 'Code'), 'A');
    await typeInto(field(party, 'Name'), 'Another');
    await click(button(party, 'Save party'));
    expect(party.querySelector('[role="alert"]')?.textContent).toContain('There is already a party A');
    expect(api.roster.setParty).not.toHaveBeenCalled();

    await typeInto(field(party, 'Code'), 'UA');
    await typeInto(field(party, 'Colour'), '#0057B7');
    await click(button(party, 'Save party'));
    expect(api.roster.setParty).toHaveBeenCalledWith({ code: 'UA', name: 'Another', colour: '#0057b7' });
    await unmount();
  });

  it('retires a party only after a confirmation', async () => {
    const api = fakeApi();
    const { dialog, unmount } = await open(convener, api);
    await click(button(dialog(), 'Edit B'));
    const party = named(document, 'dialog', 'Party');
    expect(field(party, 'Code').readOnly).toBe(true);
    await click(button(party, 'Retire party…'));
    expect(api.roster.retireParty).not.toHaveBeenCalled();
    await click(button(party, 'Retire B'));
    expect(api.roster.retireParty).toHaveBeenCalledWith('B');
    await unmount();
  });
});
