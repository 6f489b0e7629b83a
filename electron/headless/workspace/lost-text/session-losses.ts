import type * as Y from 'yjs';
import type { LostText } from '../../../../shared/live/lost-text';
import type { ChanceryOrigin } from '../../../../shared/sync/origins';
import { LocalClients, type SettingStore } from './local-clients';
import { watchForLosses } from './loss-detector';
import { LostTextLedger } from './lost-text-ledger';
import { restoreLostText } from './restore';

/**
 * Who sent an update from another copy, and what it had seen: how the hub tells text the sender
 * deleted knowingly from text it never saw (see loss-detector.ts).
 */
export interface PeerContext {
  /** Who deleted, as the user will read it: a party code ("VEL"), or "a merged copy". */
  by: string;
  /** The sender's state vector when it made the update; null or absent when unknown. */
  seen?: Map<number, number> | null;
}

/** What {@link SessionLosses.applyWatching} reports: how many ledger entries the update added. */
export interface PeerApplyResult {
  kept: number;
}

/** Who deleted, when the caller did not say. */
export const UNKNOWN_SENDER = 'another delegation';

/** What the accessor needs from its session. */
export interface SessionLossesDeps {
  store: SettingStore;
  getDoc(docId: string): Y.Doc;
  assertWritable(): void;
}

/**
 * `session.losses`: the text this machine typed that another copy's edits deleted unseen, kept
 * until the user restores or dismisses it, and the bookkeeping that finds it (which client ids
 * are this machine's, watching each peer update as it is applied).
 */
export class SessionLosses {
  readonly localClients: LocalClients;
  private readonly ledger: LostTextLedger;

  constructor(private readonly deps: SessionLossesDeps) {
    this.localClients = new LocalClients(deps.store);
    this.ledger = new LostTextLedger(deps.store);
  }

  /** Every kept text of the workspace, oldest first. */
  list(): LostText[] {
    return this.ledger.list();
  }

  /** How many kept texts were dropped (oldest first) to keep the ledger within its bounds. */
  get dropped(): number {
    return this.ledger.dropped;
  }

  /**
   * Puts the text back as a new clause after the nearest surviving block before where it was,
   * and forgets it. LOST_TEXT_NOT_FOUND if it was restored or dismissed already.
   */
  restore(id: string): { docId: string; clauseId: string } {
    this.deps.assertWritable();
    const kept = this.ledger.get(id);
    const clauseId = restoreLostText(this.deps.getDoc(kept.docId), kept);
    this.ledger.remove(id);
    return { docId: kept.docId, clauseId };
  }

  /** Forgets the text without restoring it. */
  dismiss(id: string): void {
    this.deps.assertWritable();
    this.ledger.remove(id);
  }

  /** Hears the whole list after every change. */
  onChange(listener: (losses: LostText[]) => void): () => void {
    return this.ledger.onChange(listener);
  }

  /** Every durable change of the session (its subscribe listener): records this machine's client ids. */
  heard(update: Uint8Array, origin: ChanceryOrigin): void {
    this.localClients.onUpdate(update, origin);
  }

  /**
   * Runs `apply` (which applies `update` to `doc` with `origin`) while watching for text of this
   * machine it deletes unseen, and adds what it finds to the ledger.
   */
  applyWatching(docId: string, doc: Y.Doc, update: Uint8Array, origin: unknown, context: PeerContext | undefined, apply: () => void): PeerApplyResult {
    const watch = watchForLosses(doc, {
      update,
      seen: context?.seen ?? null,
      isLocal: (client) => this.localClients.has(client),
      origin,
    });
    let findings;
    try {
      apply();
    } finally {
      findings = watch.stop();
    }
    const by = context?.by.trim() || UNKNOWN_SENDER;
    const added = this.ledger.add(findings.map((f) => ({ docId, by, ...f })));
    return { kept: added.length };
  }
}
