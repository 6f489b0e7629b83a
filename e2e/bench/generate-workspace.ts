/**
 * Workspaces for the benchmarks, written with the app's own WorkspaceSession.create (one seed
 * update per document, the session closed — compacted and checkpointed — before anyone reads it).
 *
 * The text is generated, but shaped like a consolidated negotiating draft: operative clauses with
 * a bold lead-in, one to several sentences of treaty language, bracketed and stacked options,
 * sub-lists, part headings, drafting notes and the occasional "12 bis". A seeded PRNG makes every
 * run write the same documents, so figures from two runs are comparable.
 */
import { documentNode, documentStats } from '../../shared/workspace/document-content';
import { b, clause, doc, h, i, inserted, ol, p, ul, type Block, type BlockJSON, type Inline } from '../../shared/sample/builders';
import type { Party } from '../../shared/workspace/manifest';
import { WorkspaceSession, type WorkspaceSeed } from '../../electron/headless/workspace/workspace-session';
import { seededRandom } from '../../shared/testing/seeded-random';


const SUBJECTS = [
  'The Parties',
  'Each Party',
  'The Republic of Aldoria',
  'The Federation of Dunmere',
  'The guarantor states',
  'The Joint Implementation Commission',
  'The Monitoring and Verification Mission',
  'The Mechanism',
  'The contributing states',
  'The Secretariat',
  'The Chair of the Commission',
  'The Meridian Group of Partner States',
  'The Commonwealth of Velmark',
];

const MODALS = ['shall', 'shall, as soon as practicable,', 'may', 'undertake to', 'agree to', 'shall endeavour to', 'shall not', 'shall promptly'];

const TOPICS = [
  'the implementation of this Annex',
  'the exchange of detainees',
  'humanitarian mine clearance',
  'the reconstruction of critical infrastructure',
  'the restoration of energy and water supplies',
  'the verification of the withdrawal of heavy weapons',
  'the voluntary return of displaced persons',
  'the protection of cultural heritage',
  'the accounting for missing persons',
  'customs and border procedures',
  'the reopening of the ports of Sallow and Dray',
  'the phased relief of sanctions',
  'the demarcation of the administrative boundary line',
  'the rights of national minorities',
  'the security of nuclear facilities',
];

const BODIES = ['the Joint Implementation Commission', 'the Mechanism', 'the guarantor states', 'the Security Council', 'the Secretariat', 'the Parties'];
const PLACES = ['the line of contact', 'the security zone', 'the Calvane river valley', 'the port of Sallow', 'the northern districts', 'the border crossing points at Dray and Mirel'];
const PEOPLE = ['civilians', 'humanitarian organisations', 'members of the Mission', 'journalists', 'representatives of the families of missing persons'];
const WHEN = [
  'within thirty days of the entry into force of this Agreement',
  'no later than [ninety] [one hundred and twenty] days after signature',
  'at intervals of no more than six months',
  'without delay',
  'in accordance with the timetable set out in Appendix B',
  'before the end of the first phase',
  '',
  '',
];

const ACTIONS: ((r: () => number) => string)[] = [
  (r) => `establish a joint working group on ${pick(r, TOPICS)}`,
  (r) => `notify ${pick(r, BODIES)} of any measure affecting ${pick(r, TOPICS)}`,
  (r) => `withdraw all forces and heavy weapons to a distance of at least [${pick(r, ['15', '20', '30'])}] kilometres from ${pick(r, PLACES)}`,
  (r) => `ensure the safe and unhindered access of ${pick(r, PEOPLE)} to ${pick(r, PLACES)}`,
  (r) => `exchange all information in its possession on ${pick(r, TOPICS)}`,
  (r) => `submit a written report on ${pick(r, TOPICS)} to ${pick(r, BODIES)}`,
  (r) => `refrain from any action that would prejudice ${pick(r, TOPICS)}`,
  (r) => `designate a senior liaison officer responsible for ${pick(r, TOPICS)}`,
  (r) => `provide the financial and technical resources necessary for ${pick(r, TOPICS)}`,
  (r) =>
    `[Option 1: consult ${pick(r, BODIES)} before taking any decision on ${pick(r, TOPICS)}] [Option 2: inform ${pick(r, BODIES)} of any decision on ${pick(r, TOPICS)}]`,
];

const LEADS = [
  'Definitions.',
  'Cessation of hostilities.',
  'Withdrawal of forces.',
  'Verification.',
  'Reporting.',
  'Humanitarian access.',
  'Missing persons.',
  'Return of displaced persons.',
  'Reconstruction.',
  'Sanctions.',
  'Review.',
  'Settlement of disputes.',
  'Entry into force.',
  'Liaison.',
  'Funding.',
];

const PARTS = ['General provisions', 'Security arrangements', 'Monitoring and verification', 'Humanitarian measures', 'Economic measures', 'Final provisions'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(r: () => number): string {
  const when = pick(r, WHEN);
  const lead =
    r() < 0.2
      ? `${pick(r, ['Subject to paragraph ' + String(1 + Math.floor(r() * 40)) + ',', 'Without prejudice to the positions of the Parties on ' + pick(r, TOPICS) + ',', 'In the event of a violation,'])} ${pick(r, SUBJECTS).replace(/^The /u, 'the ')}`
      : pick(r, SUBJECTS);
  return `${capitalise(lead)} ${pick(r, MODALS)} ${pick(r, ACTIONS)(r)}${when ? ` ${when}` : ''}.`;
}

function words(s: string): number {
  return s.split(/\s+/u).filter(Boolean).length;
}

/** One operative paragraph of roughly `target` words. */
function generatedClause(r: () => number, id: string, target: number, number: number): BlockJSON {
  const goal = Math.max(12, Math.round(target * (0.5 + r())));
  const inline: Inline[] = [];
  let count = 0;
  if (r() < 0.65) {
    const lead = pick(r, LEADS);
    inline.push(b(lead), ' ');
    count += words(lead);
  }
  const body: Block[] = [];
  const withList = r() < 0.18;
  const proseGoal = withList ? goal * 0.6 : goal;
  while (count < proseGoal) {
    const s = sentence(r);
    if (r() < 0.08) inline.push(s.slice(0, -1), ', ', i('ad referendum'), '. ');
    else inline.push(`${s} `);
    count += words(s);
  }
  const last = inline[inline.length - 1];
  if (typeof last === 'string') inline[inline.length - 1] = last.trimEnd();
  body.push(p(...inline));
  if (withList) {
    const items: string[] = [];
    const n = 2 + Math.floor(r() * 3);
    for (let k = 0; k < n; k++) items.push(`${pick(r, ACTIONS)(r)};`);
    body.push(r() < 0.6 ? ol(...items) : ul(...items));
  }
  if (r() < 0.02) return inserted(id, `${number} bis`, ...body);
  return clause(id, ...body);
}

export interface GeneratedDocumentSpec {
  id: string;
  title: string;
  clauses: number;
  /** Mean words per clause. */
  wordsPerClause: number;
}

/** ProseMirror JSON for one generated document. */
export function generatedDocument(spec: GeneratedDocumentSpec, seed: number): unknown {
  const r = seededRandom(seed);
  const hex = () => Math.floor(r() * 0x100000000).toString(16).padStart(8, '0');
  const blocks: Block[] = [h(1, spec.title), p(i('Consolidated draft. Square brackets mark text that is not agreed.'))];
  for (let n = 1; n <= spec.clauses; n++) {
    if (n % 25 === 1) blocks.push(h(2, `Part ${Math.ceil(n / 25)}: ${pick(r, PARTS)}`));
    blocks.push(generatedClause(r, `c-${hex()}${hex()}`, spec.wordsPerClause, n));
    if (r() < 0.04) blocks.push(p(i(`Drafting note: ${pick(r, ['DUN', 'ALD', 'MPS', 'VEL'])} maintains a scrutiny reservation on this paragraph.`)));
  }
  return doc(...blocks);
}

const PARTIES: Party[] = [
  { code: 'ALD', name: 'Republic of Aldoria', colour: '#1f5fbf' },
  { code: 'VEL', name: 'Commonwealth of Velmark', colour: '#c27c0e' },
  { code: 'MPS', name: 'Meridian Group of Partner States', colour: '#0f8a7e' },
  { code: 'DUN', name: 'Federation of Dunmere', colour: '#7a3fb8' },
];

export function generatedSeed(title: string, specs: readonly GeneratedDocumentSpec[], seed: number): WorkspaceSeed {
  return {
    title,
    parties: PARTIES,
    documents: specs.map((s, k) => ({ id: s.id, title: s.title, content: generatedDocument(s, seed + k) })),
  };
}

/** The brief's large workspace: 5 documents, 2,000 clauses (400 each). */
export const LARGE_WORKSPACE: readonly GeneratedDocumentSpec[] = [
  { id: 'framework', title: 'Peace Framework', clauses: 400, wordsPerClause: 35 },
  { id: 'annex-security', title: 'Annex 1: Security Guarantees', clauses: 400, wordsPerClause: 35 },
  { id: 'annex-monitoring', title: 'Annex 2: Ceasefire Monitoring and Verification', clauses: 400, wordsPerClause: 35 },
  { id: 'annex-territory', title: 'Annex 3: Territorial Arrangements', clauses: 400, wordsPerClause: 35 },
  { id: 'annex-economic', title: 'Annex 4: Economic Measures', clauses: 400, wordsPerClause: 35 },
];

/** The typing benchmark's document: about 30,000 words in a few hundred clauses. */
export const TYPING_WORKSPACE: readonly GeneratedDocumentSpec[] = [
  { id: 'framework', title: 'Consolidated Framework Text', clauses: 300, wordsPerClause: 84 },
];

export interface GeneratedWorkspace {
  path: string;
  documents: { id: string; title: string; clauses: number; words: number }[];
}

/** Writes a new workspace file at `path` (refuses to overwrite) and closes it. */
export function writeWorkspace(path: string, seed: WorkspaceSeed): GeneratedWorkspace {
  const session = WorkspaceSession.create(path, seed);
  try {
    const documents = session.manifest().documents.map((d) => ({
      id: d.id,
      title: d.title,
      ...documentStats(documentNode(session.getDoc(d.id))),
    }));
    return { path, documents };
  } finally {
    session.close();
  }
}
