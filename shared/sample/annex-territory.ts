import { b, clause, doc, h, i, inserted, ol, p, u } from './builders';
import type { SampleDocument } from './sample-workspace';

/**
 * Annex 3 of the sample: territorial arrangements, including the proposed Calvane Free Economic
 * Zone. It holds the sample's second stored label ("3 bis") and the options on administration and
 * final status, the questions on which such talks usually close last.
 */
export function annexTerritory(): SampleDocument {
  return {
    id: 'annex-territory',
    title: 'Annex 3: Territorial Arrangements',
    content: doc(
      h(1, 'Annex 3: Territorial Arrangements'),
      p(i('This Annex forms an integral part of the Framework. Square brackets mark text that is not agreed.')),

      p(i('Recalling'), ' paragraphs 5 and 5 bis of the Framework,'),
      p(i('Reaffirming'), ' that territorial questions shall be settled by peaceful means alone,'),
      p(
        i('Conscious'),
        ' of the needs of the population living on both sides of the line of contact, and of their right to live in safety and dignity,',
      ),
      p(i('The Parties have agreed'), ' as follows:'),

      clause(
        'ta-01',
        p(
          b('Line of contact.'),
          ' For the purposes of the Framework, the line of contact is the line shown on the map at Appendix A, [as it stands on the date of signature] [as verified by the Mechanism on the day the ceasefire takes effect]. The line of contact is a line of separation and ',
          u('shall not be construed as a state border'),
          '.',
        ),
      ),
      clause(
        'ta-02',
        p(
          b('Without prejudice.'),
          ' Nothing in this Annex shall prejudice the position of either Party on sovereignty over any territory on either side of the line of contact, which shall be settled by negotiation in accordance with paragraph 5 of the Framework.',
        ),
      ),
      clause(
        'ta-03',
        p(
          b('Calvane Free Economic Zone.'),
          ' A Calvane Free Economic Zone (the “Zone”) is hereby established. It shall comprise [the districts of Orlen and Brask] [the district of Orlen] and the port of Dray, within the boundaries shown on the map at Appendix B.',
        ),
      ),
      inserted(
        'ta-03bis',
        '3 bis',
        p(
          u(
            'Persons who were resident in the Zone on [the date of signature] [the first day of the hostilities] shall have the right to remain in or return to the Zone, to recover their property or receive compensation for it, and to hold the citizenship of either Party [or of both].',
          ),
        ),
      ),
      clause(
        'ta-04',
        p(b('Status of the Zone.'), ' The Zone shall be demilitarised. Within the Zone:'),
        ol(
          'no armed forces of either Party shall be present, save liaison officers accredited to the Mechanism under Annex 2;',
          'public order shall be maintained by [an international police mission] [a local police service trained and vetted with international assistance];',
          'goods, services, capital and persons shall move freely to and from the territory of both Parties, subject to a single customs regime administered by the Zone;',
          'enterprises registered in the Zone shall enjoy the tax and customs treatment set out in Appendix C for a period of [fifteen] years.',
        ),
      ),
      clause(
        'ta-05',
        p(
          b('Administration and final status.'),
          ' During a transitional period of [ten] years the Zone shall be administered by an ',
          b('International Administrator'),
          ' appointed by the Joint Implementation Commission. At the end of the transitional period its final status shall be decided:',
        ),
        p('[Option 1: by the residents of the Zone in a referendum held under international supervision.]'),
        p('[Option 2: by agreement between the Parties, taking into account the views of the residents of the Zone.]'),
      ),
      clause(
        'ta-06',
        p(
          b('Crossing points.'),
          ' The Parties shall open no fewer than [six] crossing points along the line of contact within thirty days of the ceasefire taking effect, and shall keep them open to civilians at all times except in an emergency notified to the Mechanism.',
        ),
      ),
      clause(
        'ta-07',
        p(
          b('Mine clearance.'),
          ' The Parties shall clear mines and unexploded ordnance on their respective sides of the line of contact with international assistance, giving priority to the Zone, to agricultural land and to the routes leading to the crossing points. They shall exchange all minefield records within [sixty] days.',
        ),
      ),
      clause(
        'ta-08',
        p(
          b('Cultural heritage and places of worship.'),
          ' The Parties shall protect cultural property and places of worship on both sides of the line of contact and guarantee access to them for pilgrims and the families of the dead.',
        ),
      ),
    ),
  };
}
