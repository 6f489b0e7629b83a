import { userInfo } from 'node:os';
import type { IdentityView, MemberCard } from '../../../shared/positions/model';
import { fingerprint } from '../../../shared/positions/fingerprint';
import type { Signer } from '../../../shared/positions/signing';
import { generateKeyPair, signerFromPrivateKey } from '../crypto/node-ed25519';
import { identityFailure, readIdentityFile, writeIdentityFile, type IdentityFile, type KeyProtection } from './identity-file';

/** The part of Electron's `safeStorage` the identity uses (the harness double implements the same). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs the encryption; `basic_text` means none (a hard-coded password). */
  getSelectedStorageBackend?(): string;
}

/** Where the identity lives and how its key is protected. */
export interface IdentityOptions {
  path: string;
  safeStorage: SafeStorageLike;
  /** The display name of a new identity (the user can change it in Settings). */
  defaultName?: string;
  platform?: NodeJS.Platform;
}

/** The OS user's name, or "Delegate" where there is none to read. */
export function defaultDisplayName(): string {
  try {
    const name = userInfo().username.trim();
    return name.length > 0 && name.length <= 200 ? name : 'Delegate';
  } catch {
    return 'Delegate';
  }
}

/** Real OS encryption, not Linux's fallback that encrypts with a password built into the app. */
function osEncryptionAvailable(safeStorage: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
  return true;
}

/**
 * This installation's member identity: an Ed25519 key pair made on first start, and the display
 * name put on member cards. The private key stays inside this object's signer (a node:crypto
 * KeyObject): nothing here returns it, so no IPC reply can carry it.
 */
export class MemberIdentity {
  private constructor(
    private readonly path: string,
    private file: IdentityFile,
    /** Signs positions and roster entries as this installation. */
    readonly signer: Signer,
  ) {}

  /**
   * Loads the identity, or creates one when there is no file yet. A file that exists but cannot be
   * used throws IDENTITY_FAILED and is left alone: a new key would orphan every enrolment.
   */
  static loadOrCreate(options: IdentityOptions): MemberIdentity {
    const { path, safeStorage } = options;
    const platform = options.platform ?? process.platform;
    const existing = readIdentityFile(path);
    if (existing) return new MemberIdentity(path, existing, MemberIdentity.unlock(path, existing, safeStorage));

    const pair = generateKeyPair();
    const keyText = Buffer.from(pair.privateKey).toString('base64');
    const protection: KeyProtection = osEncryptionAvailable(safeStorage, platform) ? 'os-encryption' : 'file-permissions';
    const data = protection === 'os-encryption' ? safeStorage.encryptString(keyText).toString('base64') : keyText;
    const file: IdentityFile = {
      v: 1,
      name: options.defaultName ?? defaultDisplayName(),
      publicKey: pair.publicKey,
      privateKey: { protection, data },
    };
    writeIdentityFile(path, file);
    return new MemberIdentity(path, file, signerFromPrivateKey(pair.privateKey));
  }

  private static unlock(path: string, file: IdentityFile, safeStorage: SafeStorageLike): Signer {
    let keyText = file.privateKey.data;
    if (file.privateKey.protection === 'os-encryption') {
      if (!safeStorage.isEncryptionAvailable()) {
        throw identityFailure(path, "its key was encrypted by the system's keychain, which is not available now");
      }
      try {
        keyText = safeStorage.decryptString(Buffer.from(file.privateKey.data, 'base64'));
      } catch (err) {
        throw identityFailure(path, "the system's keychain cannot decrypt its key (made on another machine or for another user?)", err);
      }
    }
    let signer: Signer;
    try {
      signer = signerFromPrivateKey(new Uint8Array(Buffer.from(keyText, 'base64')));
    } catch (err) {
      throw identityFailure(path, 'its private key is damaged', err);
    }
    if (signer.publicKey !== file.publicKey) throw identityFailure(path, 'its private key does not match its public key');
    return signer;
  }

  get name(): string {
    return this.file.name;
  }

  get publicKey(): string {
    return this.file.publicKey;
  }

  get protection(): KeyProtection {
    return this.file.privateKey.protection;
  }

  /** What Settings shows; never the private key. */
  view(): IdentityView {
    return { name: this.name, publicKey: this.publicKey, fingerprint: fingerprint(this.publicKey), protection: this.protection };
  }

  /** The card a delegate hands their head of delegation to be enrolled. */
  memberCard(): MemberCard {
    return { v: 1, name: this.name, key: this.publicKey };
  }

  /** Renames the identity (saved at once); roster entries already signed keep the name they had. */
  setName(name: string): IdentityView {
    const next: IdentityFile = { ...this.file, name };
    writeIdentityFile(this.path, next);
    this.file = next;
    return this.view();
  }
}
