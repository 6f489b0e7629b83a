import type { LiveState, LiveStatus } from '../../../shared/live/live-model';
import { REFUSAL_REASONS, REFUSAL_TEXT, refusalReasonOf, type RefusalReason } from '../../../shared/live/relay-refusal';
import { readRelayClose } from '../relay/close-codes';

/**
 * The connection state a workspace shows, from what the socket and the providers report. It is
 * kept apart from the sync itself so the rules are in one place: connecting until the relay first
 * answers; connected; reconnecting after a drop; offline once stopped or while the relay cannot be
 * reached; refused (final, no more retries) when the relay turned this member away.
 */

/** Why the relay refused, as the status carries it. */
export interface Refusal {
  reason: string;
  message: string;
}

/**
 * Reads a refusal text from the relay — a close reason `<reason>: <words>`, a bare reason, or the
 * words alone — into its stable reason and the words to show.
 */
export function readRefusal(text: string): Refusal {
  const trimmed = text.trim();
  if ((REFUSAL_REASONS as readonly string[]).includes(trimmed)) return { reason: trimmed, message: REFUSAL_TEXT[trimmed as RefusalReason] };
  const known = refusalReasonOf(trimmed);
  if (known) return { reason: known, message: trimmed };
  const close = readRelayClose(4401, trimmed);
  return close.kind === 'refused' ? { reason: close.close.reason, message: close.close.message } : { reason: 'refused', message: trimmed };
}

/** A close event's refusal, or null for a close that is no verdict (a drop, a restart). */
export function refusalOfClose(code: number, reason: string): Refusal | null {
  const close = readRelayClose(code, reason);
  return close.kind === 'transient' ? null : { reason: close.close.reason, message: close.close.message };
}

/** Keeps the state and tells `onStatus` when what it shows changed. */
export class StatusTracker {
  #socket: 'connecting' | 'connected' | 'disconnected' = 'disconnected';
  #everConnected = false;
  #stopped = false;
  #refusal: Refusal | null = null;
  #last = '';

  constructor(
    private readonly relay: string,
    private readonly unconfirmed: () => number,
    private readonly onStatus?: (status: LiveStatus) => void,
  ) {}

  get refusal(): Refusal | null {
    return this.#refusal;
  }

  get connected(): boolean {
    return this.#socket === 'connected' && !this.#refusal && !this.#stopped;
  }

  get everConnected(): boolean {
    return this.#everConnected;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  socket(status: 'connecting' | 'connected' | 'disconnected'): void {
    this.#socket = status;
    if (status === 'connected') this.#everConnected = true;
    this.changed();
  }

  refuse(refusal: Refusal): void {
    if (!this.#refusal) this.#refusal = refusal;
    this.changed();
  }

  stop(): void {
    this.#stopped = true;
    this.changed();
  }

  state(): LiveState {
    if (this.#refusal) return 'refused';
    if (this.#stopped) return 'offline';
    if (this.#socket === 'connected') return 'connected';
    if (this.#everConnected) return 'reconnecting';
    return this.#socket === 'connecting' ? 'connecting' : 'offline';
  }

  status(): LiveStatus {
    return { state: this.state(), relay: this.relay, unconfirmed: this.unconfirmed(), refusal: this.#refusal, hosting: null };
  }

  /** Tells the listener, if anything it shows changed. */
  changed(): void {
    if (!this.onStatus) return;
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.#last) return;
    this.#last = key;
    this.onStatus(status);
  }
}
