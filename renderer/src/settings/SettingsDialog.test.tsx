// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IdentityView } from '../../../shared/positions/model';
import { button, click, field, named, render, settle, stubDialogs, typeInto } from '../workspace/roster/dialog-test-kit';
import { SettingsDialog } from './SettingsDialog';

const identity = (name: string, protection: IdentityView['protection'] = 'os-encryption'): IdentityView => ({
  name,
  publicKey: 'K',
  fingerprint: '12345 67890 13579 24680 11223 34455',
  protection,
});

function fakeApi(protection: IdentityView['protection'] = 'os-encryption') {
  let name = 'Ilse Varga';
  return {
    identity: {
      get: vi.fn(async () => identity(name, protection)),
      setName: vi.fn(async (next: string) => {
        name = next;
        return identity(name, protection);
      }),
      memberCard: vi.fn(async () => `chancery-member-card:${name.replace(/\W/gu, '')}`),
      saveMemberCard: vi.fn(async () => '/home/ilse/Ilse.chancery-card'),
    },
  };
}

async function open(api = fakeApi()) {
  const view = await render(<SettingsDialog onClose={() => {}} />, api);
  await settle();
  return { ...view, api, dialog: named(document, 'dialog', 'Settings') };
}

beforeAll(stubDialogs);
afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('SettingsDialog', () => {
  it('shows the name, the fingerprint, the member card and how the key is protected', async () => {
    const { dialog, unmount } = await open();
    expect(field(dialog, 'Display name').value).toBe('Ilse Varga');
    expect(dialog.querySelector('[data-testid="fingerprint"]')?.textContent).toBe('12345 67890 13579 24680 11223 34455');
    const card = field<HTMLTextAreaElement>(dialog, 'Your member card');
    expect(card.readOnly).toBe(true);
    expect(card.value).toBe('chancery-member-card:IlseVarga');
    expect(dialog.textContent).toContain('Your private key is encrypted by the operating system’s key store');
    await unmount();
  });

  it('says so when the key is only protected by file permissions', async () => {
    const { dialog, unmount } = await open(fakeApi('file-permissions'));
    expect(dialog.textContent).toContain('kept in a file only your user account can read');
    await unmount();
  });

  it('saves a new name and shows the card that now carries it', async () => {
    const { dialog, api, unmount } = await open();
    await typeInto(field(dialog, 'Display name'), '  Amb. Ilse Varga ');
    await click(button(dialog, 'Save name'));
    expect(api.identity.setName).toHaveBeenCalledWith('Amb. Ilse Varga');
    expect(field<HTMLTextAreaElement>(dialog, 'Your member card').value).toBe('chancery-member-card:AmbIlseVarga');
    expect(dialog.querySelector('[role="status"]')?.textContent).toContain('Name saved');
    await unmount();
  });

  it('copies the card to the clipboard, or selects it for the user when the clipboard is refused', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, platform: 'Linux x86_64', clipboard: { writeText } });
    const { dialog, unmount } = await open();
    await click(button(dialog, 'Copy member card'));
    expect(writeText).toHaveBeenCalledWith('chancery-member-card:IlseVarga');
    expect(dialog.querySelector('[role="status"]')?.textContent).toContain('Member card copied');

    writeText.mockRejectedValueOnce(new DOMException('denied', 'NotAllowedError'));
    await click(button(dialog, 'Copy member card'));
    const card = field<HTMLTextAreaElement>(dialog, 'Your member card');
    expect(document.activeElement).toBe(card);
    expect([card.selectionStart, card.selectionEnd]).toEqual([0, card.value.length]);
    expect(dialog.querySelector('[role="status"]')?.textContent).toContain('press Ctrl+C');
    await unmount();
  });

  it('saves the card to a file and says where', async () => {
    const { dialog, api, unmount } = await open();
    await click(button(dialog, 'Save member card…'));
    expect(api.identity.saveMemberCard).toHaveBeenCalled();
    expect(dialog.querySelector('[role="status"]')?.textContent).toBe('Member card saved to /home/ilse/Ilse.chancery-card.');
    await unmount();
  });
});
