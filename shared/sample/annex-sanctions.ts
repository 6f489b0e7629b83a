import { b, clause, doc, h, i, li, ol, p, ul } from './builders';
import type { SampleDocument } from './sample-workspace';

/**
 * Annex 4 of the sample: sanctions and economic measures, phased against verified compliance, with
 * a reinstatement clause and reconstruction. It ties back to the other documents by paragraph
 * number (phases keyed to Annex 2 and Annex 3), which is what cross-document references look like.
 */
export function annexSanctions(): SampleDocument {
  return {
    id: 'annex-sanctions',
    title: 'Annex 4: Sanctions and Economic Measures',
    content: doc(
      h(1, 'Annex 4: Sanctions and Economic Measures'),
      p(i('This Annex forms an integral part of the Framework. Square brackets mark text that is not agreed.')),

      p(i('Recalling'), ' paragraphs 7 and 8 of the Framework,'),
      p(
        i('Recognising'),
        ' that the restrictive measures in force were adopted in response to the use of force, and that their relaxation must follow verified progress in implementation,',
      ),
      p(
        i('Mindful'),
        ' of the legal autonomy of each sanctioning state and of the decision-making procedures of the Meridian Group of Partner States,',
      ),
      p(i('The Parties have agreed'), ' as follows:'),

      clause(
        'se-01',
        p(
          b('Phased relaxation.'),
          ' Restrictive measures adopted by the Commonwealth of Velmark and by the members of the Meridian Group of Partner States in connection with the conflict shall be relaxed in three phases:',
        ),
        ol(
          'Phase 1, once the Mechanism established by Annex 2 has verified that the ceasefire has held for [ninety] days: measures concerning civil aviation, humanitarian trade and [agricultural exports];',
          'Phase 2, once the withdrawal of heavy weapons under paragraph 5 of Annex 2 has been verified: measures concerning [energy] [financial services];',
          'Phase 3, once the Zone established by Annex 3 is operating: the remaining sectoral measures [, other than those concerning dual-use goods].',
        ),
      ),
      clause(
        'se-02',
        p(
          b('Individual listings.'),
          ' Measures against natural and legal persons shall be reviewed case by case in accordance with the procedures of each sanctioning state and are not subject to the phases in paragraph 1 [, except for persons listed solely by reason of their official functions].',
        ),
      ),
      clause(
        'se-03',
        p(b('Reinstatement.')),
        p(
          '[Option 1: Any measure relaxed under this Annex shall be reinstated automatically if the Mechanism reports a material breach of the ceasefire that is not remedied within thirty days.]',
        ),
        p(
          '[Option 2: In the event of a material breach of the ceasefire reported by the Mechanism, the sanctioning states shall consult within fourteen days on the reinstatement of measures.]',
        ),
      ),
      p(i('Drafting note: Option 1 proposed by ALD and supported by VEL; MPS prefers Option 2.')),
      clause(
        'se-04',
        p(
          b('Immobilised assets.'),
          ' Sovereign assets of the Federation of Dunmere immobilised in the jurisdictions of the sanctioning states shall remain immobilised until [the reconstruction fund referred to in paragraph 8 of the Framework has been fully capitalised] [a settlement of claims arising from the conflict has been agreed].',
        ),
      ),
      clause(
        'se-05',
        p(
          b('Trade and transit.'),
          ' Upon completion of Phase 1, the Parties shall restore the transit of goods by rail and road through the crossing points and the Zone, excluding the dual-use goods listed in Appendix D.',
        ),
      ),
      clause(
        'se-06',
        p(
          b('Reconstruction conference.'),
          ' The guarantor states shall convene an international conference on the reconstruction of the Republic of Aldoria within [six] months of the entry into force of the Framework. The conference shall give priority to:',
        ),
        ul(
          'the restoration of the electricity grid and district heating;',
          'housing for displaced persons;',
          li(
            'the ports of Sallow and Dray and their rail connections, including:',
            ul('the dredging of the approach channels;', 'the repair of grain terminals.'),
          ),
          'mine clearance in agricultural areas.',
        ),
      ),
      clause(
        'se-07',
        p(
          b('Economic cooperation.'),
          ' Once Phase 3 has been completed, the Parties [shall] [may] open negotiations on an agreement on trade and economic cooperation, including energy transit.',
        ),
      ),
      clause(
        'se-08',
        p(
          b('Review.'),
          ' The Joint Implementation Commission shall review the implementation of this Annex every six months and may recommend to the sanctioning states that a phase be brought forward or deferred.',
        ),
      ),
    ),
  };
}
