import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeEd25519 } from '../crypto/node-ed25519';
import { fromBase64Url } from '../../../shared/positions/signing';
import { MemberIdentity, type SafeStorageLike } from './member-identity';

/** An OS keychain stand-in: AES-GCM under a key of its own, so another "machine" cannot decrypt. */
function keychain(available = true, backend = 'gnome_libsecret'): SafeStorageLike & { encrypted: number } {
  const key = randomBytes(32);
  return {
    encrypted: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      this.encrypted += 1;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chancery-identity-'));
  path = join(dir, 'identity.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const signs = (identity: MemberIdentity) => {
  const message = new TextEncoder().encode('accepted');
  return nodeEd25519.verify(fromBase64Url(identity.publicKey), message, identity.signer.sign(message));
};

describe('member identity', () => {
  it('is created on first start with the default name, and signs as its public key', () => {
    const identity = MemberIdentity.loadOrCreate({ path, safeStorage: keychain(), defaultName: 'Ana Ruiz', platform: 'linux' });
    expect(identity.view()).toMatchObject({ name: 'Ana Ruiz', protection: 'os-encryption' });
    expect(identity.view().fingerprint).toMatch(/^\d{5}( \d{5}){5}$/u);
    expect(signs(identity)).toBe(true);
  });

  it('is the same key after a restart, and keeps a changed name', () => {
    const storage = keychain();
    const first = MemberIdentity.loadOrCreate({ path, safeStorage: storage, defaultName: 'Ana' });
    first.setName('Ana Ruiz (Spain)');
    const again = MemberIdentity.loadOrCreate({ path, safeStorage: storage, defaultName: 'Someone else' });
    expect(again.publicKey).toBe(first.publicKey);
    expect(again.name).toBe('Ana Ruiz (Spain)');
    expect(signs(again)).toBe(true);
  });

  it('is written readable by this user only, with no temporary file left behind', () => {
    const identity = MemberIdentity.loadOrCreate({ path, safeStorage: keychain() });
    identity.setName('Renamed');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['identity.json']);
  });

  it('keeps the private key out of the view, the card and (encrypted) the file', () => {
    const identity = MemberIdentity.loadOrCreate({ path, safeStorage: keychain() });
    const file = JSON.parse(readFileSync(path, 'utf8')) as { privateKey: { data: string } };
    const seen = JSON.stringify([identity.view(), identity.memberCard()]);
    expect(seen).not.toContain(file.privateKey.data);
    expect(Object.keys(identity.view()).sort()).toEqual(['fingerprint', 'name', 'protection', 'publicKey']);
    // The PKCS#8 header of an Ed25519 key, base64: absent from the encrypted file.
    expect(readFileSync(path, 'utf8')).not.toContain('MC4CAQAwBQYDK2Vw');
  });

  it('falls back to a user-only file where Linux has no keychain, and says so', () => {
    const storage = keychain(true, 'basic_text');
    const identity = MemberIdentity.loadOrCreate({ path, safeStorage: storage, platform: 'linux' });
    expect(identity.view().protection).toBe('file-permissions');
    expect(storage.encrypted).toBe(0);
    expect(MemberIdentity.loadOrCreate({ path, safeStorage: keychain(false) }).publicKey).toBe(identity.publicKey);
    expect(MemberIdentity.loadOrCreate({ path, safeStorage: keychain(false), platform: 'darwin' }).view().protection).toBe('file-permissions');
  });

  it.each([
    ['a damaged file', () => writeFileSync(path, '{"v":1,"name":"Ana",')],
    ['a file with a damaged key', () => {
      const file = JSON.parse(readFileSync(path, 'utf8')) as { privateKey: { data: string } };
      file.privateKey.data = Buffer.from('not a key').toString('base64');
      writeFileSync(path, JSON.stringify(file));
    }],
  ])('refuses %s with IDENTITY_FAILED and leaves it in place', (_what, damage) => {
    const storage = keychain();
    MemberIdentity.loadOrCreate({ path, safeStorage: storage });
    damage();
    const before = readFileSync(path, 'utf8');
    expect(() => MemberIdentity.loadOrCreate({ path, safeStorage: storage })).toThrow(
      expect.objectContaining({ code: 'IDENTITY_FAILED', message: expect.stringContaining('backup') }),
    );
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it("refuses a key this machine's keychain cannot decrypt, instead of making a new one", () => {
    const created = MemberIdentity.loadOrCreate({ path, safeStorage: keychain() });
    expect(() => MemberIdentity.loadOrCreate({ path, safeStorage: keychain() })).toThrow(expect.objectContaining({ code: 'IDENTITY_FAILED' }));
    expect(() => MemberIdentity.loadOrCreate({ path, safeStorage: keychain(false) })).toThrow(/keychain/u);
    expect(readFileSync(path, 'utf8')).toContain(created.publicKey);
  });
});
