import { b, clause, doc, h, i, inserted, ol, p, u } from './builders';
import type { SampleDocument } from './sample-workspace';

/**
 * The sample's main document: the peace framework that the four annexes hang from. It carries the
 * conventions a reader meets first: a preamble, numbered operative paragraphs grouped in parts, an
 * inserted "5 bis", stacked options, and drafting notes recording ad referendum agreement and a
 * scrutiny reservation.
 */
export function framework(): SampleDocument {
  return {
    id: 'framework',
    title: 'Peace Framework',
    content: doc(
      h(1, 'Framework for a Comprehensive and Lasting Peace between the Republic of Aldoria and the Federation of Dunmere'),
      h(2, 'Consolidated draft, third round'),
      p(
        i(
          'Facilitator’s text. Square brackets mark text that is not agreed; underlined text was introduced in this round. Nothing is agreed until everything is agreed.',
        ),
      ),

      p(
        'The Republic of Aldoria and the Federation of Dunmere (the “Parties”), with the participation of the Commonwealth of Velmark and the Meridian Group of Partner States,',
      ),
      p(
        i('Recalling'),
        ' the principles of sovereignty, territorial integrity and the peaceful settlement of disputes enshrined in the Charter of the United Nations,',
      ),
      p(
        i('Mindful'),
        ' of the suffering inflicted on the civilian population on both sides of the line of contact, and of the duty to account for every missing person,',
      ),
      p(
        i('Recognising'),
        ' the efforts of the Commonwealth of Velmark and of the Meridian Group of Partner States in support of a negotiated settlement,',
      ),
      p(
        i('Determined'),
        ' to turn the cessation of hostilities into a durable peace that is guaranteed, verifiable and economically sustainable,',
      ),
      p(i('Affirming'), ' that the Annexes to this Framework form an integral part of it,'),
      p(i('Have agreed'), ' as follows:'),

      h(2, 'I. Cessation of hostilities and security'),
      clause(
        'fw-01',
        p(
          b('Ceasefire.'),
          ' The Parties shall observe a complete and comprehensive ceasefire on land, at sea and in the air, taking effect [Option 1: at 00:00 hours on the day following signature] [Option 2: seventy-two hours after signature, so that orders may reach every unit], and shall comply with the monitoring and verification arrangements set out in Annex 2.',
        ),
      ),
      p(i('Drafting note: Option 1 proposed by ALD, Option 2 by VEL.')),
      clause(
        'fw-02',
        p(
          b('Non-use of force.'),
          ' The Parties shall refrain from the threat or use of force against each other’s territorial integrity or political independence, and from any attack on civilian populations, energy facilities, ports and other critical infrastructure.',
        ),
      ),
      p(i('Drafting note: paragraph 2 agreed ad referendum by VEL, subject to confirmation by its capital.')),
      clause(
        'fw-03',
        p(
          b('Security guarantees.'),
          ' The security of the Republic of Aldoria shall be guaranteed as set out in Annex 1, including by a multinational force led by European states [with the support of the Meridian Group of Partner States]. The guarantees shall take effect on the entry into force of this Framework [and shall not be conditional on any further agreement].',
        ),
      ),
      p(
        i(
          'Drafting note: MPS maintains a parliamentary scrutiny reservation on paragraphs 3 and 7 pending consultation of the national parliaments of its members.',
        ),
      ),
      clause(
        'fw-04',
        p(b('Armed forces of Aldoria.')),
        p(
          '[Option 1: The armed forces of the Republic of Aldoria shall not be subject to any limitation as to their size, composition or equipment.]',
        ),
        p(
          '[Option 2: The peacetime strength of the armed forces of the Republic of Aldoria shall not exceed the ceiling set out in Annex 1, which the Parties shall review every five years.]',
        ),
      ),

      h(2, 'II. Territory and humanitarian questions'),
      clause(
        'fw-05',
        p(
          b('Territorial questions.'),
          ' The Parties shall settle all territorial questions exclusively by peaceful means, as set out in Annex 3. Neither Party shall seek to alter the line of contact by force. Nothing in this Framework shall be construed as recognition of [any change of sovereignty] [any change in the status of territory] brought about by the use of force.',
        ),
      ),
      inserted(
        'fw-05bis',
        '5 bis',
        p(
          u(
            'The Parties shall establish the Calvane Free Economic Zone described in Annex 3 as a demilitarised area under [international] [joint] administration for a transitional period of [ten] years.',
          ),
        ),
      ),
      clause(
        'fw-06',
        p(b('Humanitarian measures.'), ' Within [thirty] days of the entry into force of this Framework, the Parties shall:'),
        ol(
          'release all prisoners of war on an all-for-all basis;',
          'release all civilian detainees and return all deported or transferred children to their families, with the assistance of an impartial humanitarian organisation;',
          'exchange the remains of the fallen; and',
          'establish a joint commission on missing persons, which shall report to the Joint Implementation Commission every three months.',
        ),
      ),

      h(2, 'III. Economic provisions'),
      clause(
        'fw-07',
        p(
          b('Sanctions.'),
          ' Restrictive measures adopted in connection with the conflict shall be relaxed in stages, subject to verified compliance, as set out in Annex 4. [Measures relaxed under Annex 4 shall be reinstated automatically in the event of a material breach of this Framework.]',
        ),
      ),
      clause(
        'fw-08',
        p(
          b('Reconstruction.'),
          ' An international fund for the reconstruction of the Republic of Aldoria shall be established, financed [Option 1: in part from the sovereign assets of the Federation of Dunmere immobilised in the jurisdictions of the sanctioning states] [Option 2: by voluntary contributions of states and international financial institutions].',
        ),
      ),
      clause(
        'fw-09',
        p(
          b('Energy and nuclear safety.'),
          ' The Varn nuclear power station shall be operated under international supervision. Its output shall be shared [equally between the Parties] [as determined by a joint technical commission].',
        ),
      ),
      clause(
        'fw-10',
        p(
          b('Navigation.'),
          ' The Parties shall guarantee freedom of commercial navigation in the Gulf of Sallow and on the lower Calvane river. The ports of Sallow and Dray shall remain open to merchant shipping under all flags.',
        ),
      ),

      h(2, 'IV. Political and final provisions'),
      clause(
        'fw-11',
        p(b('Alliances.')),
        p(
          '[Option 1: Nothing in this Framework shall restrict the sovereign right of the Republic of Aldoria to choose its own security arrangements, including membership of alliances.]',
        ),
        p(
          '[Option 2: The Republic of Aldoria shall not accede to any military alliance while the guarantees in Annex 1 remain in force, without prejudice to its membership of economic unions.]',
        ),
      ),
      clause(
        'fw-12',
        p(
          b('Elections.'),
          ' The Republic of Aldoria shall hold presidential and parliamentary elections as soon as practicable after martial law is lifted [and in any event within 180 days of signature], in the presence of international observers.',
        ),
      ),
      clause(
        'fw-13',
        p(
          b('Joint Implementation Commission.'),
          ' A Joint Implementation Commission, composed of representatives of the Parties and of the guarantor states and chaired by [the Commonwealth of Velmark] [a representative of the Meridian Group of Partner States], shall oversee the implementation of this Framework and its Annexes. It shall meet at least [monthly] and shall take its decisions by consensus.',
        ),
      ),
      clause(
        'fw-14',
        p(
          b('Entry into force.'),
          ' This Framework, including its Annexes, shall enter into force on the date of its signature by the Parties [and its approval by referendum in the Republic of Aldoria]. ',
          i('Nothing is agreed until everything is agreed'),
          ': no paragraph of this Framework or its Annexes shall be regarded as final until the text as a whole has been agreed.',
        ),
      ),
    ),
  };
}
