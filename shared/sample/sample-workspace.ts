import type { Party } from '../workspace/manifest';
import { annexMonitoring } from './annex-monitoring';
import { annexSanctions } from './annex-sanctions';
import { annexSecurity } from './annex-security';
import { annexTerritory } from './annex-territory';
import { framework } from './framework';

/**
 * One document of the sample, ready for `addDocumentEntry` (id, title) and `seedDocument`
 * (content). `content` is plain ProseMirror JSON so the sample needs no schema instance to build.
 */
export interface SampleDocument {
  id: string;
  title: string;
  /** ProseMirror JSON for `chancerySchema`, type 'doc'. */
  content: unknown;
}

/** Everything needed to create the sample workspace: manifest title, parties and documents in order. */
export interface SampleWorkspace {
  title: string;
  parties: Party[];
  documents: SampleDocument[];
}

/**
 * The fictional delegations. Two allied negotiators, a group of partner states and the counterpart
 * who is shown the consolidated text later; names are invented so the sample takes no side in any
 * real conflict. Colours are far apart in hue (blue, amber, teal, purple) so cursors and gutter
 * marks stay tellable apart, and none is the plain red or green an interface uses for a status.
 */
function parties(): Party[] {
  return [
    { code: 'ALD', name: 'Republic of Aldoria', colour: '#1f5fbf' },
    { code: 'VEL', name: 'Commonwealth of Velmark', colour: '#c27c0e' },
    { code: 'MPS', name: 'Meridian Group of Partner States', colour: '#0f8a7e' },
    { code: 'DUN', name: 'Federation of Dunmere', colour: '#7a3fb8' },
  ];
}

/**
 * The built-in sample negotiation: a peace framework and four annexes with a few dozen clauses,
 * written as a real consolidated draft (preamble, numbered operative paragraphs, a "5 bis",
 * bracketed and stacked alternative text, ad referendum and scrutiny reservation notes). New
 * users, demos, the CLI's "create the sample" and tests need something that exercises every
 * convention the app is built around; an empty workspace shows none of them.
 *
 * A function rather than a constant: each call builds fresh objects, so a caller that mutates or
 * seeds one workspace can never alter the next one created in the same process.
 */
export function sampleWorkspace(): SampleWorkspace {
  return {
    title: 'Calvane Peace Framework (sample negotiation)',
    parties: parties(),
    documents: [framework(), annexSecurity(), annexMonitoring(), annexTerritory(), annexSanctions()],
  };
}
