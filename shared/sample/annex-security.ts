import { b, clause, doc, h, i, ol, p, ul } from './builders';
import type { SampleDocument } from './sample-workspace';

/**
 * Annex 1 of the sample: the security guarantees, built around a European-led multinational force
 * with land, air and maritime components. It is where the sample's hardest brackets sit (who
 * guarantees, how firm the commitment is), which is what makes the agreement figure interesting.
 */
export function annexSecurity(): SampleDocument {
  return {
    id: 'annex-security',
    title: 'Annex 1: Security Guarantees',
    content: doc(
      h(1, 'Annex 1: Security Guarantees'),
      p(i('This Annex forms an integral part of the Framework. Square brackets mark text that is not agreed.')),

      p(i('Recalling'), ' paragraphs 3 and 4 of the Framework,'),
      p(
        i('Convinced'),
        ' that a durable peace requires guarantees that are credible, take effect without delay and are backed by real capability,',
      ),
      p(
        i('Noting'),
        ' the readiness of the Commonwealth of Velmark and of the members of the Meridian Group of Partner States to contribute forces, equipment and funding,',
      ),
      p(i('The Parties have agreed'), ' as follows:'),

      clause(
        'sg-01',
        p(
          b('Guarantors.'),
          ' The guarantor states are the Commonwealth of Velmark and the members of the Meridian Group of Partner States [, together with such other states as the Parties may jointly invite]. The Federation of Dunmere [shall] [shall not] be a guarantor.',
        ),
      ),
      clause(
        'sg-02',
        p(
          b('Multinational Force.'),
          ' A Multinational Force for Aldoria (the “Force”), led by European states, shall be deployed to support the regeneration of the armed forces of the Republic of Aldoria and to deter renewed aggression. The Force shall comprise:',
        ),
        ol(
          'a land component, stationed [away from the line of contact] [at locations determined by the Republic of Aldoria], responsible for training, logistics and reassurance;',
          'an air component, responsible for air policing and the air defence of Aldorian airspace [west of the Calvane river];',
          'a maritime component, responsible for mine clearance and the security of sea lanes in the Gulf of Sallow and the approaches to the ports of Sallow and Dray.',
        ),
      ),
      clause(
        'sg-03',
        p(
          b('Command.'),
          ' The Force shall operate under a unified multinational command, [Option 1: headquartered in the Republic of Aldoria] [Option 2: headquartered outside the Republic of Aldoria, with a forward element in its capital]. Each contributing state shall retain full command of its national contingent.',
        ),
      ),
      clause(
        'sg-04',
        p(
          b('Response to an armed attack.'),
          ' In the event of a renewed armed attack on the Republic of Aldoria, the guarantor states shall consult within [24] hours and [shall take] [may take], individually or jointly, all measures necessary to restore its security, ',
          b('including the use of armed force'),
          '.',
        ),
      ),
      p(
        i(
          'Drafting note: MPS maintains a parliamentary scrutiny reservation on paragraph 4; two of its members require the consent of their parliaments before any commitment to the use of force.',
        ),
      ),
      clause(
        'sg-05',
        p(
          b('Status of the Force.'),
          ' The status of the Force and of its personnel in the territory of the Republic of Aldoria shall be governed by a status-of-forces agreement, to be concluded between the Republic of Aldoria and the contributing states within [sixty] days of the entry into force of the Framework.',
        ),
      ),
      clause(
        'sg-06',
        p(
          b('Support to the armed forces of Aldoria.'),
          ' The guarantor states shall continue to provide training, equipment and intelligence support to the armed forces of the Republic of Aldoria [, without restriction as to the type of weapon system].',
        ),
      ),
      clause(
        'sg-07',
        p(
          b('Confidence-building measures.'),
          ' In order to reduce the risk of incidents, the Federation of Dunmere and the Republic of Aldoria shall:',
        ),
        ul(
          'give at least [fourteen] days’ notice of any military exercise involving more than [3,000] personnel within [100] kilometres of the line of contact;',
          'invite observers from the Force and from the Mechanism established by Annex 2 to any such exercise;',
          'refrain from military flights within [fifty] kilometres of the line of contact, other than flights notified in advance to the Mechanism.',
        ),
      ),
      clause(
        'sg-08',
        p(
          b('Duration and review.'),
          ' The guarantees in this Annex shall remain in force [Option 1: for an initial period of ten years, renewable by tacit agreement] [Option 2: until the Parties and the guarantor states agree otherwise]. The Joint Implementation Commission shall review their operation every two years.',
        ),
      ),
    ),
  };
}
