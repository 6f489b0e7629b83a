import { ChanceryError, serializeError, type SerializedError } from '../../../shared/errors';
import type { MemberIdentity } from '../../headless/identity/member-identity';

/**
 * The installation's identity as main's handlers reach it: loaded once, on first use (after the
 * app is ready, when safeStorage works). A failure is kept and thrown again by every call that
 * needs the key, with the same message, so the app still opens and reads workspaces while saying
 * what is wrong; the file is never replaced behind the user's back.
 */
export class IdentitySource {
  private loaded: MemberIdentity | null = null;
  private failed: ChanceryError | null = null;

  constructor(private readonly load: () => MemberIdentity) {}

  /** The identity; throws IDENTITY_FAILED when it cannot be used. */
  get(): MemberIdentity {
    if (this.loaded) return this.loaded;
    if (this.failed) throw this.failed;
    try {
      this.loaded = this.load();
      return this.loaded;
    } catch (err) {
      this.failed =
        err instanceof ChanceryError
          ? err
          : new ChanceryError('IDENTITY_FAILED', `Your member identity cannot be loaded (${err instanceof Error ? err.message : String(err)}). Start Chancery again; if this persists, restore the identity file from a backup.`, { cause: err });
      throw this.failed;
    }
  }

  /** Loads the identity now; the error if it cannot be used (for the first window to show), else null. */
  problem(): SerializedError | null {
    try {
      this.get();
      return null;
    } catch (err) {
      return serializeError(err);
    }
  }

  /** The public key, or null when the identity cannot be used (then this installation is nobody in any roster). */
  publicKeyIfAvailable(): string | null {
    try {
      return this.get().publicKey;
    } catch {
      return null; // the failure itself is reported by problem() and by every call that signs
    }
  }
}
