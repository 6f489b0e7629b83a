import type { AgreementFigures, AgreementSummary, ClauseState, ClauseView, PartyCounts, PartyPosition } from './model';

/**
 * The agreement arithmetic: per clause, its state from every party's current position; per
 * document and for the package, the figures negotiators quote. Pure, so the meter, the CLI and
 * the exports can never disagree on a number.
 */

/** What a party's position counts as: a stale acceptance is open (it accepted other words); a stale objection still stands. */
export function countedStatus(position: PartyPosition): PartyPosition['status'] {
  if (position.stale && (position.status === 'accepted' || position.status === 'accepted-ad-ref')) return 'open';
  return position.status;
}

/**
 * A clause's state: disputed if any party disputes, else reserved if any reserves, else agreed
 * (ad referendum if any acceptance is) when every party accepts the current text, else open.
 * With no parties nothing can be agreed, so the clause is open.
 */
export function clauseState(parties: PartyPosition[]): ClauseState {
  if (parties.length === 0) return 'open';
  const counted = parties.map(countedStatus);
  if (counted.includes('disputed')) return 'disputed';
  if (counted.includes('reserved')) return 'reserved';
  if (counted.every((s) => s === 'accepted' || s === 'accepted-ad-ref')) {
    return counted.includes('accepted-ad-ref') ? 'agreed-ad-ref' : 'agreed';
  }
  return 'open';
}

/** agreed / clauses × 100, rounded to one decimal; 0 when there are no clauses (not NaN). */
export function percentOf(agreed: number, clauses: number): number {
  if (clauses <= 0) return 0;
  return Math.round((agreed / clauses) * 1000) / 10;
}

function emptyFigures(): AgreementFigures {
  return { clauses: 0, agreed: 0, agreedAdRef: 0, disputed: 0, reserved: 0, open: 0, stale: 0, invalid: 0, percent: 0 };
}

function emptyCounts(): PartyCounts {
  return { accepted: 0, acceptedAdRef: 0, reserved: 0, disputed: 0, open: 0 };
}

const STATE_FIELD: Record<ClauseState, 'agreed' | 'agreedAdRef' | 'disputed' | 'reserved' | 'open'> = {
  agreed: 'agreed',
  'agreed-ad-ref': 'agreedAdRef',
  disputed: 'disputed',
  reserved: 'reserved',
  open: 'open',
};

const COUNT_FIELD: Record<PartyPosition['status'], keyof PartyCounts> = {
  accepted: 'accepted',
  'accepted-ad-ref': 'acceptedAdRef',
  reserved: 'reserved',
  disputed: 'disputed',
  open: 'open',
};

/** What one clause adds to the figures; the tally subtracts it again when the clause changes. */
interface Contribution {
  state: ClauseState;
  stale: boolean;
  invalid: boolean;
  /** Counted status per party code listed in the tally. */
  statuses: PartyPosition['status'][];
}

/** True when the clause has at least one record that does not verify. */
function hasInvalid(view: ClauseView): boolean {
  return view.parties.some((p) => p.invalid > 0) || (view.unattributedInvalid ?? 0) > 0;
}

/**
 * Keeps the figures for a set of clauses up to date one clause at a time: after a keystroke only
 * the edited clause is re-resolved and `set` again, so the meter updates in O(parties), not in
 * O(clauses). Gives the same figures as {@link summarise} over the same views.
 */
export class AgreementTally {
  readonly #codes: string[];
  readonly #clauses = new Map<string, Contribution>();
  readonly #figures = emptyFigures();
  readonly #counts: PartyCounts[];

  /** `partyCodes`: the parties at the table, whose counts are kept (as in {@link summarise}). */
  constructor(partyCodes: readonly string[]) {
    this.#codes = [...partyCodes];
    this.#counts = this.#codes.map(emptyCounts);
  }

  /** Adds or replaces one clause's view. */
  set(clauseId: string, view: ClauseView): void {
    this.delete(clauseId);
    const byParty = new Map(view.parties.map((p) => [p.party, p]));
    const contribution: Contribution = {
      state: view.state,
      stale: view.parties.some((p) => p.stale),
      invalid: hasInvalid(view),
      statuses: this.#codes.map((code) => {
        const position = byParty.get(code);
        return position ? countedStatus(position) : 'open';
      }),
    };
    this.#apply(contribution, 1);
    this.#clauses.set(clauseId, contribution);
  }

  /** Drops a clause (deleted from the document). Unknown ids are ignored. */
  delete(clauseId: string): void {
    const old = this.#clauses.get(clauseId);
    if (!old) return;
    this.#apply(old, -1);
    this.#clauses.delete(clauseId);
  }

  /** How many clauses are tallied. */
  get size(): number {
    return this.#clauses.size;
  }

  /** The current figures, in O(parties). */
  summary(): AgreementSummary {
    const agreement = { ...this.#figures, percent: percentOf(this.#figures.agreed, this.#figures.clauses) };
    const parties: Record<string, PartyCounts> = {};
    this.#codes.forEach((code, i) => (parties[code] = { ...this.#counts[i]! }));
    return { agreement, parties };
  }

  #apply(c: Contribution, sign: 1 | -1): void {
    const f = this.#figures;
    f.clauses += sign;
    f[STATE_FIELD[c.state]] += sign;
    if (c.stale) f.stale += sign;
    if (c.invalid) f.invalid += sign;
    c.statuses.forEach((status, i) => (this.#counts[i]![COUNT_FIELD[status]] += sign));
  }
}

/** The figures for a document's clauses (each clause counted once), with counts for every party at the table. */
export function summarise(clauses: ClauseView[], partyCodes: string[]): AgreementSummary {
  const tally = new AgreementTally(partyCodes);
  clauses.forEach((view, i) => tally.set(`${i}`, view));
  return tally.summary();
}

/**
 * The package's figures from its documents': every clause of every document counted once, the
 * percent recomputed from the sums (an average of percentages would weigh a two-clause annex like
 * the whole framework).
 */
export function combineSummaries(summaries: AgreementSummary[]): AgreementSummary {
  const agreement = emptyFigures();
  const parties: Record<string, PartyCounts> = {};
  for (const s of summaries) {
    for (const field of ['clauses', 'agreed', 'agreedAdRef', 'disputed', 'reserved', 'open', 'stale', 'invalid'] as const) {
      agreement[field] += s.agreement[field];
    }
    for (const [code, counts] of Object.entries(s.parties)) {
      const sum = (parties[code] ??= emptyCounts());
      for (const field of Object.keys(sum) as (keyof PartyCounts)[]) sum[field] += counts[field];
    }
  }
  agreement.percent = percentOf(agreement.agreed, agreement.clauses);
  return { agreement, parties };
}
