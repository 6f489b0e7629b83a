/**
 * The nonces of the relay proofs seen recently, so a proof captured on the wire cannot be replayed.
 * A proof is refused anyway once its `at` is more than 5 minutes from the relay's clock, so a nonce
 * only has to be remembered for 10 minutes (5 either side). The cache is bounded: past `maxSize`
 * the oldest nonces go first; at the default size that takes over 150 new connections a second
 * sustained for 10 minutes, far beyond what one relay serves.
 */
export class ReplayCache {
  /** nonce → when it was seen (ms); a Map keeps insertion order, so the oldest come first. */
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly maxSize = 100_000,
  ) {}

  /** Whether `nonce` was seen within the last ttl. */
  has(nonce: string, now = Date.now()): boolean {
    this.#expire(now);
    return this.#seen.has(nonce);
  }

  /** Remembers `nonce` as seen now. */
  record(nonce: string, now = Date.now()): void {
    this.#expire(now);
    this.#seen.delete(nonce);
    this.#seen.set(nonce, now);
    while (this.#seen.size > this.maxSize) {
      const oldest = this.#seen.keys().next().value as string;
      this.#seen.delete(oldest);
    }
  }

  get size(): number {
    return this.#seen.size;
  }

  #expire(now: number): void {
    for (const [nonce, at] of this.#seen) {
      if (now - at < this.ttlMs) break;
      this.#seen.delete(nonce);
    }
  }
}
