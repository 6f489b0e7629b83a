import type { IdentityView } from '../../../shared/positions/model';

/**
 * What Settings says about the member identity, worded for a delegate deciding whether a laptop
 * is safe to take to the table.
 */

/** How the private key is protected on this machine, and that it never leaves it. */
export function protectionNote(protection: IdentityView['protection']): string {
  const where =
    protection === 'os-encryption'
      ? 'Your private key is encrypted by the operating system’s key store.'
      : 'Your private key is kept in a file only your user account can read (this system offers no key store to encrypt it).';
  return `${where} It never leaves this computer and is never written into a negotiation file; your member card carries only your public key and name.`;
}

/** The shortcut that copies a selection, as this platform's keyboard labels it. */
export function copyShortcut(platform: string): string {
  return /mac|iphone|ipad/iu.test(platform) ? '⌘C' : 'Ctrl+C';
}
