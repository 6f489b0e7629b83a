import { b, clause, doc, h, i, li, ol, p, ul } from './builders';
import type { SampleDocument } from './sample-workspace';

/**
 * Annex 2 of the sample: the ceasefire monitoring and verification mechanism with international
 * participation. Mostly technical and close to agreement, so the sample shows a document that is
 * nearly clean next to annexes that are not; it carries the ad referendum note on access.
 */
export function annexMonitoring(): SampleDocument {
  return {
    id: 'annex-monitoring',
    title: 'Annex 2: Ceasefire Monitoring and Verification',
    content: doc(
      h(1, 'Annex 2: Ceasefire Monitoring and Verification Mechanism'),
      p(i('This Annex forms an integral part of the Framework. Square brackets mark text that is not agreed.')),

      p(i('Recalling'), ' paragraph 1 of the Framework,'),
      p(
        i('Recognising'),
        ' that a ceasefire endures only if violations are promptly detected, attributed and addressed,',
      ),
      p(
        i('Welcoming'),
        ' the willingness of states that are not parties to the conflict to contribute observers and technical means,',
      ),
      p(i('The Parties have agreed'), ' as follows:'),

      clause(
        'mv-01',
        p(
          b('Establishment.'),
          ' A Ceasefire Monitoring and Verification Mechanism (the “Mechanism”) is hereby established, with international participation, to monitor compliance with the ceasefire, to verify the withdrawal of heavy weapons and to investigate reported violations.',
        ),
      ),
      clause(
        'mv-02',
        p(b('Composition.'), ' The Mechanism shall consist of:'),
        ul(
          'a Monitoring Mission of up to [1,500] unarmed civilian and military observers, drawn from states [acceptable to both Parties] [nominated by the Joint Implementation Commission];',
          'a Technical Verification Unit operating satellite imagery, unmanned aerial vehicles, acoustic sensors and fixed cameras along the line of contact;',
          'liaison officers of each Party at every sector headquarters of the Monitoring Mission.',
        ),
      ),
      clause(
        'mv-03',
        p(
          b('Chief Monitor.'),
          ' The Mechanism shall be headed by a Chief Monitor appointed [by the Secretary-General of the United Nations] [by the Joint Implementation Commission, by consensus], for a renewable term of two years.',
        ),
      ),
      clause(
        'mv-04',
        p(
          b('Access.'),
          ' The Parties shall guarantee the Mechanism safe, unimpeded and, where it so decides, unannounced access throughout a zone extending [thirty] kilometres on either side of the line of contact, including to military installations, storage sites and checkpoints. Denial of access shall itself be reported as a violation.',
        ),
      ),
      p(
        i(
          'Drafting note: paragraph 4 agreed ad referendum by ALD, subject to confirmation by its capital; the text has not yet been shown to DUN.',
        ),
      ),
      clause(
        'mv-05',
        p(
          b('Withdrawal of heavy weapons.'),
          ' Within [twenty-one] days of the ceasefire taking effect, each Party shall withdraw from the line of contact, to the distances indicated and to storage sites declared to the Mechanism:',
        ),
        ol(
          'artillery of calibre 100 mm and above, to a distance of at least [twenty-five] kilometres;',
          'multiple-launch rocket systems, to a distance of at least [fifty] kilometres;',
          li(
            'tactical missile systems and attack drones with a range above 100 kilometres, to a distance of at least [one hundred] kilometres.',
            p('The Mechanism shall verify each withdrawal on site and record the serial numbers of the weapons concerned.'),
          ),
        ),
      ),
      clause(
        'mv-06',
        p(
          b('Reporting of violations.'),
          ' The Chief Monitor shall report any violation to the Parties and to the Joint Implementation Commission within [twenty-four] hours, attributing responsibility where the evidence allows.',
        ),
        p('[Option 1: Reports shall be made public within seven days of their transmission to the Parties.]'),
        p('[Option 2: Reports shall be shared with the Parties and the guarantor states only.]'),
      ),
      clause(
        'mv-07',
        p(
          b('Direct communication.'),
          ' The Parties shall maintain a direct line of communication between their military commands, staffed at all times, and shall use it to prevent and resolve incidents along the line of contact before they escalate.',
        ),
      ),
      clause(
        'mv-08',
        p(
          b('Costs.'),
          ' The costs of the Mechanism shall be borne [by the guarantor states] [in equal shares by the Parties and the guarantor states], in accordance with a budget approved annually by the Joint Implementation Commission.',
        ),
      ),
    ),
  };
}
