import type { PositionStatus } from '../positions/model';

/**
 * Which party said what about which clause of the sample negotiation. The sample must show a real
 * third round — some clauses agreed by all, some ad referendum, one scrutiny reservation, several
 * disputes with alternative wording put forward, one acceptance given on an earlier wording (so
 * stale), positions changed and withdrawn in the history — and leave the user's own party (ALD)
 * clauses to set. The drafting notes in the documents say the same as these positions.
 *
 * Clauses are named by the readable keys the sample's documents are written with ("fw-01"); the
 * signing (electron/headless/workspace/sample.ts) turns them into clause ids and text hashes.
 */

/** One record the sample stores, before it is dated, bound to its text and signed. */
export interface SamplePositionPlan {
  party: string;
  status: PositionStatus;
  comment?: string;
  proposal?: string;
  /** Day of the round (after the convening) the position was given; orders the history. */
  day: number;
  /**
   * Given on an earlier wording: the clause's text had `before` where it now has `now`. The record
   * is bound to that earlier text, so it shows as stale and does not count as agreement.
   */
  earlierWording?: { now: string; before: string };
}

/** The positions on one clause, oldest first. */
export interface SampleClausePlan {
  docId: string;
  /** The readable key the clause is written with in the sample documents. */
  clause: string;
  positions: SamplePositionPlan[];
}

/**
 * The fictional heads of delegation who signed the other parties' positions, with keys generated
 * at creation and then discarded. ALD's head is the user when the app creates the sample.
 */
export const SAMPLE_DELEGATES: Readonly<Record<string, string>> = {
  ALD: 'Anja Korvel',
  VEL: 'Tomas Brenner',
  MPS: 'Amara Lindqvist-Osei',
  DUN: 'Pavel Dravic',
};

/** The facilitator the command line's sample is convened by (the app convenes it as the user). */
export const SAMPLE_CONVENER_NAME = 'Helena Marsh (facilitator)';

/** The comment of the sample's one scrutiny reservation. */
export const SCRUTINY_COMMENT =
  'Scrutiny reservation pending parliamentary review: two members require the consent of their parliaments before any commitment to the use of force.';

const AD_REF = 'Agreed ad referendum, subject to confirmation by the capital.';

type Plan = Omit<SamplePositionPlan, 'day'> & { day?: number };

/** Each of `parties` accepts, on day `day`. */
function acceptedBy(parties: string[], day = 4): Plan[] {
  return parties.map((party) => ({ party, status: 'accepted', day }));
}

const ALL = ['ALD', 'VEL', 'MPS', 'DUN'];

function clausePlan(docId: string, clause: string, ...positions: Plan[]): SampleClausePlan {
  return { docId, clause, positions: positions.map((p) => ({ day: 5, ...p })) };
}

const fw = (clause: string, ...positions: Plan[]) => clausePlan('framework', clause, ...positions);
const sg = (clause: string, ...positions: Plan[]) => clausePlan('annex-security', clause, ...positions);
const mv = (clause: string, ...positions: Plan[]) => clausePlan('annex-monitoring', clause, ...positions);
const ta = (clause: string, ...positions: Plan[]) => clausePlan('annex-territory', clause, ...positions);
const se = (clause: string, ...positions: Plan[]) => clausePlan('annex-sanctions', clause, ...positions);

/**
 * The sample's positions. A function, like `sampleWorkspace`, so a caller can never alter the
 * next sample created in the same process.
 */
export function samplePositionPlan(): SampleClausePlan[] {
  return [
    // The framework: the headline text, where most brackets remain.
    fw(
      'fw-01',
      { party: 'VEL', status: 'disputed', comment: 'Orders must be able to reach every unit before the ceasefire binds.', proposal: 'taking effect seventy-two hours after signature, so that orders may reach every unit' },
      { party: 'MPS', status: 'accepted' },
      { party: 'DUN', status: 'accepted', day: 6 },
    ),
    fw('fw-02', ...acceptedBy(['ALD', 'MPS', 'DUN']), { party: 'VEL', status: 'accepted-ad-ref', comment: AD_REF }),
    fw(
      'fw-03',
      ...acceptedBy(['ALD', 'VEL']),
      { party: 'DUN', status: 'disputed', comment: 'The guarantees cannot take effect before Annex 1 is agreed.', proposal: 'The guarantees shall take effect once the arrangements in Annex 1 have been agreed by the Parties.' },
    ),
    fw(
      'fw-04',
      { party: 'ALD', status: 'disputed', comment: 'No limitation on the armed forces of Aldoria is acceptable.', proposal: 'The armed forces of the Republic of Aldoria shall not be subject to any limitation as to their size, composition or equipment.' },
      { party: 'DUN', status: 'disputed', comment: 'A ceiling is essential to any settlement.', proposal: 'The peacetime strength of the armed forces of the Republic of Aldoria shall not exceed the ceiling set out in Annex 1, which the Parties shall review every five years.' },
    ),
    fw('fw-05', ...acceptedBy(['ALD', 'VEL', 'MPS'])),
    fw(
      'fw-06',
      { party: 'DUN', status: 'disputed', day: 2, comment: 'Thirty days is too short for the exchange of all detainees.', proposal: 'Within ninety days of the entry into force of this Framework' },
      ...acceptedBy(['ALD', 'VEL', 'MPS'], 3),
      { party: 'DUN', status: 'accepted', day: 9, comment: 'Thirty days acceptable with the assistance of an impartial humanitarian organisation.' },
    ),
    fw(
      'fw-07',
      ...acceptedBy(['ALD', 'VEL']),
      { party: 'DUN', status: 'disputed', comment: 'Automatic reinstatement would reward any incident.', proposal: 'Measures relaxed under Annex 4 may be reinstated only by decision of the Joint Implementation Commission.' },
    ),
    fw(
      'fw-08',
      { party: 'VEL', status: 'accepted' },
      { party: 'DUN', status: 'disputed', comment: 'Immobilised sovereign assets are not available for the fund.', proposal: 'financed by voluntary contributions of states and international financial institutions' },
    ),
    fw('fw-09', { party: 'MPS', status: 'accepted' }),
    fw('fw-10', ...acceptedBy(ALL, 3)),
    fw(
      'fw-11',
      { party: 'ALD', status: 'disputed', comment: 'The right to choose alliances is not negotiable.', proposal: 'Nothing in this Framework shall restrict the sovereign right of the Republic of Aldoria to choose its own security arrangements, including membership of alliances.' },
      { party: 'DUN', status: 'disputed', comment: 'Neutrality is the condition of the guarantees.', proposal: 'The Republic of Aldoria shall not accede to any military alliance while the guarantees in Annex 1 remain in force, without prejudice to its membership of economic unions.' },
    ),
    fw('fw-12', ...acceptedBy(['VEL', 'MPS'])),
    fw(
      'fw-13',
      { party: 'VEL', status: 'accepted' },
      { party: 'MPS', status: 'accepted', day: 3 },
      { party: 'MPS', status: 'withdrawn', day: 8, comment: 'Withdrawn pending a decision on who chairs the Commission.' },
    ),

    // Annex 1: the reservation.
    sg('sg-01', ...acceptedBy(['ALD', 'VEL', 'MPS']), { party: 'DUN', status: 'disputed', comment: 'Dunmere must be a guarantor of any settlement.', proposal: 'The Federation of Dunmere shall be a guarantor.' }),
    sg('sg-02', ...acceptedBy(['ALD', 'VEL', 'MPS'])),
    sg('sg-04', ...acceptedBy(['ALD', 'VEL']), { party: 'MPS', status: 'reserved', comment: SCRUTINY_COMMENT }),
    sg('sg-05', ...acceptedBy(ALL, 6)),
    sg('sg-06', { party: 'ALD', status: 'accepted' }, { party: 'DUN', status: 'disputed', comment: 'Unrestricted supplies of weapons are incompatible with the ceasefire.' }),
    sg('sg-07', ...acceptedBy(['ALD', 'VEL', 'MPS'], 6), { party: 'DUN', status: 'accepted-ad-ref', day: 7, comment: 'Ad referendum, subject to approval by the General Staff.' }),
    sg('sg-08', ...acceptedBy(['VEL', 'MPS'])),

    // Annex 2: nearly clean.
    mv('mv-01', ...acceptedBy(ALL, 2)),
    mv('mv-02', ...acceptedBy(['ALD', 'VEL', 'MPS']), { party: 'DUN', status: 'disputed', comment: 'Observers must come from states both Parties accept.', proposal: 'drawn from states acceptable to both Parties' }),
    mv('mv-03', { party: 'VEL', status: 'accepted' }),
    mv('mv-04', { party: 'ALD', status: 'accepted-ad-ref', comment: AD_REF }, ...acceptedBy(['VEL', 'MPS'])),
    mv('mv-05', ...acceptedBy(['ALD', 'VEL', 'MPS'])),
    mv(
      'mv-06',
      { party: 'VEL', status: 'accepted' },
      { party: 'MPS', status: 'disputed', comment: 'Publication could endanger the monitors.', proposal: 'Reports shall be shared with the Parties and the guarantor states only.' },
      { party: 'DUN', status: 'disputed', comment: 'Reports must not be made public.' },
    ),
    mv('mv-07', ...acceptedBy(ALL, 2)),
    mv('mv-08', { party: 'MPS', status: 'disputed', comment: 'The guarantor states cannot bear the costs alone.', proposal: 'The costs of the Mechanism shall be borne in equal shares by the Parties and the guarantor states' }),

    // Annex 3: the stale acceptance.
    ta('ta-01', ...acceptedBy(['ALD', 'VEL']), { party: 'DUN', status: 'disputed', comment: 'Only a line verified on the ground can be the line of contact.', proposal: 'as verified by the Mechanism on the day the ceasefire takes effect' }),
    ta('ta-02', ...acceptedBy(ALL, 3)),
    ta('ta-04', ...acceptedBy(['VEL', 'MPS'])),
    ta('ta-06', ...acceptedBy(ALL, 7)),
    ta('ta-07', ...acceptedBy(['ALD', 'VEL', 'MPS'], 7), { party: 'DUN', status: 'accepted-ad-ref', day: 8, comment: AD_REF }),
    ta(
      'ta-08',
      { party: 'DUN', status: 'accepted', day: 2, earlierWording: { now: ' and the families of the dead', before: '' } },
      ...acceptedBy(['ALD', 'VEL', 'MPS'], 6),
    ),

    // Annex 4: sanctions, contested by those who impose them.
    se('se-01', { party: 'VEL', status: 'accepted' }, { party: 'DUN', status: 'disputed', comment: 'Ninety days is too long for the first phase.', proposal: 'Phase 1, once the Mechanism established by Annex 2 has verified that the ceasefire has held for thirty days' }),
    se('se-02', ...acceptedBy(['ALD', 'VEL', 'MPS'])),
    se('se-03', { party: 'MPS', status: 'disputed', comment: 'Reinstatement must follow consultation, not be automatic.', proposal: 'In the event of a material breach of the ceasefire reported by the Mechanism, the sanctioning states shall consult within fourteen days on the reinstatement of measures.' }),
    se('se-04', { party: 'DUN', status: 'disputed', comment: 'The assets must be released once claims are settled.', proposal: 'until a settlement of claims arising from the conflict has been agreed' }),
    se('se-05', ...acceptedBy(ALL, 8)),
    se('se-06', ...acceptedBy(['ALD', 'VEL', 'MPS'])),
    se('se-08', ...acceptedBy(ALL, 8)),
  ];
}
