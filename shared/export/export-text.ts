import { STATUS_LABELS } from '../positions/labels';
import type { AgreementFigures } from '../positions/model';
import type { ExportOptions, ExportOption, ExportPackage, ExportParty, ExportPosition, MarkupCounts } from './export-model';

/**
 * NOTE for every renderer (HTML, Markdown, DOCX, and the PDF printed from the HTML): the words an
 * export prints around the treaty text live here and only here. A delegation compares the DOCX
 * it received with the PDF its capital printed; if one said "Reserved" and the other "Held", or
 * the cover figure were phrased two ways, readers would ask which one is right. Renderers only
 * decide layout; the sentences, labels and figures come from these functions, as plain strings
 * (renderers escape them for their own format).
 */

/**
 * Dates in exports: one fixed locale and UTC, so every format, machine and user locale prints
 * the same date for the same instant (a cover and its annex must never disagree).
 */
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * An ISO 8601 instant as diplomats date a document ("12 March 2025, 14:05 UTC"); an unparseable
 * value is printed as it is rather than as "Invalid Date".
 */
export function dateText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = DATE_FORMAT.formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} UTC`;
}

/** "Republic of Velmora (VEL)": the name for readers, the code because the annex table uses it. */
export function partyRef(party: ExportParty): string {
  return `${party.name} (${party.code})`;
}

/** "A", "A and B", "A, B and C": how a footnote lists parties in running prose. */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** The clause number as printed before its text: "5 bis." — the editor's label, never renumbered. */
export function clauseLabelText(label: string): string {
  return `${label}.`;
}

/**
 * The prefix of the clause's own text when alternatives are on offer: the convention stacks
 * `[Option 1: …] [Option 2: …]`, Option 1 being the wording the clause has now.
 */
export const OPTION_ONE_PREFIX = 'Option 1: ';

/** "Option 2: <wording>", the text inside one option's brackets. */
export function optionBody(option: ExportOption): string {
  return `Option ${option.n}: ${option.text}`;
}

/** "(proposed by Republic of Velmora (VEL))", printed after the option's closing bracket. */
export function optionAttribution(option: ExportOption): string {
  return `(proposed by ${joinList(option.parties.map(partyRef))})`;
}

/** "42.1% (16 of 38 clauses agreed by all; 2 more agreed ad referendum)". */
export function figureText(f: AgreementFigures): string {
  const adRef = f.agreedAdRef > 0 ? `; ${f.agreedAdRef} more agreed ad referendum` : '';
  return `${f.percent.toFixed(1)}% (${f.agreed} of ${f.clauses} clause${f.clauses === 1 ? '' : 's'} agreed by all${adRef})`;
}

/** "Package agreement: …", the headline on the cover ("nothing is agreed until everything is agreed"). */
export function packageFigureText(pkg: ExportPackage): string {
  return `${pkg.partial ? 'Agreement (this document only)' : 'Package agreement'}: ${figureText(pkg.agreement)}`;
}

/** The tallies observers otherwise count by hand, as cover lines ("Bracketed clauses: 5"). */
export function countLines(c: MarkupCounts): string[] {
  return [
    `Bracketed clauses: ${c.bracketed}`,
    `Options: ${c.options}`,
    `Reservations: ${c.reservations}`,
    `Disputes: ${c.disputes}`,
    `Acceptances ad referendum: ${c.adReferendum}`,
    `Positions given on earlier text: ${c.stale}`,
    `Records that do not verify: ${c.invalid}`,
  ];
}

/** Which version the reader holds: the round's name and cut date, or the current text. */
export function versionText(pkg: ExportPackage): string {
  return pkg.round ? `${pkg.round.name} (round cut ${dateText(pkg.round.cutAt)})` : 'Current text';
}

/** The one line under a clean version's title, so nobody takes it for a marked-up text. */
export function cleanNote(pkg: ExportPackage, options: ExportOptions): string {
  const base = options.agreedOnly ? 'Clean text — agreed clauses only' : 'Clean text';
  return pkg.round ? `${base} — ${pkg.round.name}` : base;
}

/** Everything the cover of a marked-up version says, line by line, for any layout. */
export interface CoverText {
  title: string;
  version: string;
  date: string;
  parties: string[];
  /** "Framework Agreement: 40.0% (…)", one per document. */
  documentFigures: string[];
  packageFigure: string;
  counts: string[];
}

/** The cover of a marked-up version (see {@link CoverText}). */
export function coverText(pkg: ExportPackage): CoverText {
  return {
    title: pkg.title,
    version: versionText(pkg),
    date: `Exported ${dateText(pkg.exportedAt)}`,
    parties: pkg.parties.map(partyRef),
    documentFigures: pkg.documents.map((d) => `${d.title}: ${figureText(d.agreement)}`),
    packageFigure: packageFigureText(pkg),
    counts: countLines(pkg.counts),
  };
}

/** "Agreement: 40.0% (…)", under each document's title in a marked-up version. */
export function documentFigureText(f: AgreementFigures): string {
  return `Agreement: ${figureText(f)}`;
}

/** Heading of the positions annex. */
export const ANNEX_TITLE = 'Annex: positions by clause and party';

/** Heading of the first annex column (the clause label). */
export const ANNEX_CLAUSE_HEADER = 'Clause';

/** Heading of each document's footnote list. */
export const FOOTNOTES_TITLE = 'Notes';

/**
 * One annex cell: the status word, "(earlier text)" when the position was given on other words
 * (so a stale acceptance is never read as agreement), and how many records do not verify.
 */
export function statusCell(position: ExportPosition): string {
  let text = STATUS_LABELS[position.status];
  if (position.stale) text += ' (earlier text)';
  if (position.invalid > 0) text += `; ${position.invalid} invalid record${position.invalid === 1 ? '' : 's'}`;
  return text;
}

/** The legend under the annex: what the marks mean, and which code is which party. */
export function legendLines(pkg: ExportPackage): string[] {
  return [
    'Square brackets [ ] enclose clauses disputed or reserved by at least one party.',
    '[Option n: …] is an alternative wording, attributed to the parties proposing it; Option 1 is the current text.',
    '"(earlier text)": a position given on other words than the clause now has; it is not counted as agreement.',
    '"invalid record": a position record whose signature or enrolment does not verify; it is never counted.',
    ...pkg.parties.map((p) => `${p.code}: ${p.name}`),
  ];
}

// ---- Footnote sentences (built once by buildExportPackage, printed verbatim by every renderer) ----

/** A party with the comment it gave, for one footnote group. */
export interface FootnoteParty {
  party: ExportParty;
  comment?: string;
}

function withStop(text: string): string {
  return /[.!?…]["'”’)]?$/u.test(text) ? text : `${text}.`;
}

function group(verb: string, parties: readonly FootnoteParty[]): string {
  const items = parties.map(({ party, comment }) => (comment?.trim() ? `${partyRef(party)}: ${comment.trim()}` : partyRef(party)));
  const anyComment = parties.some((p) => p.comment?.trim());
  return withStop(`${verb} by ${anyComment ? items.join('; ') : joinList(items)}`);
}

/** "Disputed by Republic of Velmora (VEL): <comment>." */
export function disputedFootnote(parties: readonly FootnoteParty[]): string {
  return group('Disputed', parties);
}

/** "Reserved by …." */
export function reservedFootnote(parties: readonly FootnoteParty[]): string {
  return group('Reserved', parties);
}

/** "Accepted ad referendum by …." */
export function adReferendumFootnote(parties: readonly FootnoteParty[]): string {
  return group('Accepted ad referendum', parties);
}

/** "Position of X given on earlier text; not counted as agreement." */
export function staleFootnote(parties: readonly ExportParty[]): string {
  const noun = parties.length === 1 ? 'Position' : 'Positions';
  return `${noun} of ${joinList(parties.map(partyRef))} given on earlier text; not counted as agreement.`;
}

/**
 * "2 records that do not verify (Republic of Velmora (VEL)) are not counted." `who` names the
 * parties the records claim to speak for; records naming no party at the table say so.
 */
export function invalidFootnote(count: number, who: readonly ExportParty[], unattributed: number): string {
  const names = who.map(partyRef);
  if (unattributed > 0) names.push('no party at the table');
  const verb = count === 1 ? 'record that does not verify' : 'records that do not verify';
  return `${count} ${verb} (${joinList(names)}) ${count === 1 ? 'is' : 'are'} not counted.`;
}
