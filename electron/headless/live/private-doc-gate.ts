/**
 * When the sync client asks the relay for this member's delegation's private document.
 *
 * The relay judges a private document by the roster in the manifest IT holds. On a relay that has
 * never seen the workspace (the convener's first contact) or has not yet received the entry that
 * admitted this key, asking at once is refused — so the client asks only once the manifest is in
 * step with the relay (synced, and every change of ours confirmed, our roster entries included)
 * and our own roster puts our key in a party.
 *
 * If the relay still refuses the document, that refuses the document, not the connection: the rest
 * keeps syncing, and the document is asked for again on the next connection (Hocuspocus 3.4 keeps
 * a refused document's state for the socket's life) or once the manifest changed since the
 * refusal (the relay's filter judges a document it alone refused afresh, on the same socket).
 */
export class PrivateDocGate {
  /** Sockets opened so far: a refusal holds only for the socket it came on. */
  #socket = 0;
  /** Changes of the manifest so far: a refusal holds only until the roster may say otherwise. */
  #manifest = 0;
  readonly #refused = new Map<string, { socket: number; manifest: number }>();

  /** A new socket to the relay opened. */
  socketOpened(): void {
    this.#socket += 1;
  }

  /** The manifest changed (either side). */
  manifestChanged(): void {
    this.#manifest += 1;
  }

  /** The relay refused `docId` to this member. */
  refused(docId: string): void {
    this.#refused.set(docId, { socket: this.#socket, manifest: this.#manifest });
  }

  /** Whether a refusal of `docId` still holds (so it is not to be asked for, nor waited for). */
  isRefused(docId: string): boolean {
    const refusal = this.#refused.get(docId);
    if (refusal === undefined) return false;
    if (refusal.socket === this.#socket && refusal.manifest === this.#manifest) return true;
    this.#refused.delete(docId);
    return false;
  }

  /** Whether to ask for `docId` now: not refused, and the manifest settled with the relay. */
  mayOpen(docId: string, manifestSettled: boolean): boolean {
    return manifestSettled && !this.isRefused(docId);
  }
}
