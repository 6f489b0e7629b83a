/**
 * Row 7: what an export and a comparison cost, measured in this Node process on the production
 * modules (build-export, the renderers, the CLI's PDF printer, rounds and compare-workspaces),
 * each beside the floor of the same job without Chancery's markup, timed in the same run with
 * the two alternating run by run, so drift in machine load falls on both alike.
 *
 * - DOCX / HTML / PDF: an open session (documents loaded, signatures checked, as in the app when
 *   the user exports), then per run sessionExportSource + buildExportPackage + the renderer (+ the
 *   printer for PDF) + writing the file. The first run of each is a warm-up and is reported apart
 *   (for the first export it includes loading every document and checking every signature: what
 *   `chancery export` pays after opening the file).
 * - Compare: two rounds of the large workspace, 10 % of clauses changed (compare-cost.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import type { Node as PMNode } from 'prosemirror-model';
import { buildExportPackage } from '../../shared/export/build-export';
import type { ExportOptions, ExportPackage } from '../../shared/export/export-model';
import { renderDocx } from '../../shared/export/render-docx';
import { renderHtml } from '../../shared/export/render-html';
import { cliPdfPrinter, findPdfTool } from '../../electron/headless/export/pdf-printer';
import { sessionExportSource } from '../../electron/headless/export/session-source';
import { WorkspaceSession } from '../../electron/headless/workspace/workspace-session';
import { measureCompare, type CompareCost } from './compare-cost';
import { writeWorkspace, type GeneratedDocumentSpec, type GeneratedWorkspace } from './generate-workspace';
import { positionsSeed, type PositionsSeedStats } from './positions-workspace';

export type { CompareCost } from './compare-cost';

/** The issue's large workspace for exports: 5 documents, 2,000 clauses, about 150,000 words. */
export const EXPORT_WORKSPACE: readonly GeneratedDocumentSpec[] = [
  { id: 'framework', title: 'Peace Framework', clauses: 400, wordsPerClause: 55 },
  { id: 'annex-security', title: 'Annex 1: Security Guarantees', clauses: 400, wordsPerClause: 55 },
  { id: 'annex-monitoring', title: 'Annex 2: Ceasefire Monitoring and Verification', clauses: 400, wordsPerClause: 55 },
  { id: 'annex-territory', title: 'Annex 3: Territorial Arrangements', clauses: 400, wordsPerClause: 55 },
  { id: 'annex-economic', title: 'Annex 4: Economic Measures', clauses: 400, wordsPerClause: 55 },
];

/** Writes the large export workspace (four signed positions per clause) at `path`. */
export function writeExportWorkspace(path: string): GeneratedWorkspace & { stats: PositionsSeedStats } {
  const { seed, stats } = positionsSeed('Generated negotiation for export', EXPORT_WORKSPACE, 3);
  return { ...writeWorkspace(path, seed), stats };
}

/** The marked-up version (brackets, options, footnotes, cover, annex table): the heaviest export. */
const MARKED_UP: ExportOptions = { clean: false, agreedOnly: false };
/** One measure beside its baseline, ms per run, the warm-up run left out. */
export interface Paired {
  app: number[];
  baseline: number[];
  /** The first (warm-up) run of the measured path, ms. */
  firstMs: number;
  /** Bytes written by the measured path and by the baseline. */
  bytes: number;
  baselineBytes: number;
  /** Of each measured run (warm-up left out), the part spent in sessionExportSource + buildExportPackage. */
  buildMs: number[];
  /** PDF only: pages of the export and of the baseline, and what printed them. */
  pdf?: { pages: number; baselinePages: number; printer: string };
}

export interface ExportedWorkspace {
  docx?: Paired;
  html?: Paired;
  pdf?: Paired;
  clauses: number;
  words: number;
  documents: number;
  /** The first buildExportPackage after opening the file (every doc loaded, every signature checked), ms. */
  coldBuildMs: number;
}

export interface ExportCost {
  sample?: ExportedWorkspace;
  large?: ExportedWorkspace;
  compare?: CompareCost;
  pdfRuns: number;
  compareRuns: number;
  runs: number;
}

// ---- text of a package, for the baselines ------------------------------------------------------

function leafTexts(node: PMNode, out: string[]): string[] {
  if (node.isTextblock) out.push(node.textContent);
  else node.forEach((child) => void leafTexts(child, out));
  return out;
}

/** A package's text without markup: per document, its title and its paragraphs. */
export type PlainText = { title: string; paragraphs: string[] }[];

/** Every document's paragraphs as plain strings: its title, then every textblock of its content. */
export function plainParagraphs(pkg: ExportPackage): PlainText {
  return pkg.documents.map((d) => ({ title: d.title, paragraphs: d.content.flatMap((item) => leafTexts(item.node, [])) }));
}

const escapeHtml = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** The same text as one plain HTML page: `<h1>` per document title, `<p>` per paragraph, no CSS. */
export function plainHtml(title: string, docs: PlainText): string {
  const body = docs.map((d) => `<h1>${escapeHtml(d.title)}</h1>\n${d.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}`).join('\n');
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>\n${body}\n</body></html>\n`;
}

async function plainDocx(docs: PlainText): Promise<Uint8Array> {
  const document = new Document({ sections: docs.map((d) => ({ children: [d.title, ...d.paragraphs].map((t) => new Paragraph(t)) })) });
  return Packer.toBuffer(document);
}

// ---- timing ------------------------------------------------------------------------------------

async function timedAsync(fn: () => Promise<number>): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const bytes = await fn();
  return { ms: performance.now() - start, bytes };
}

/**
 * One warm-up of each (unless `warmUp` is false: the PDF printer starts a new browser per print,
 * and the build and render it calls are warm from the HTML row), then `runs` of each, alternating
 * which goes first.
 */
async function paired(runs: number, app: () => Promise<number>, baseline: () => Promise<number>, warmUp = true): Promise<Paired> {
  const first = warmUp ? await timedAsync(app) : { ms: NaN, bytes: 0 };
  if (warmUp) await timedAsync(baseline);
  const out: Paired = { app: [], baseline: [], firstMs: first.ms, bytes: first.bytes, baselineBytes: 0, buildMs: [] };
  for (let k = 0; k < runs; k++) {
    const order = k % 2 === 0 ? (['app', 'baseline'] as const) : (['baseline', 'app'] as const);
    for (const which of order) {
      const r = await timedAsync(which === 'app' ? app : baseline);
      out[which].push(r.ms);
      if (which === 'app') out.bytes = r.bytes;
      else out.baselineBytes = r.bytes;
    }
  }
  return out;
}

function write(path: string, data: Uint8Array | string): number {
  writeFileSync(path, data);
  return typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
}

/** Page objects in a PDF Chromium wrote (Skia writes them uncompressed): enough for a note. */
function pdfPages(path: string): number {
  return readFileSync(path).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/gu)?.length ?? 0;
}

// ---- exports -----------------------------------------------------------------------------------

type Format = 'docx' | 'html' | 'pdf';

/** One format's export of an open session, beside its plain baseline. */
async function measureExport(session: WorkspaceSession, format: Format, file: string, plain: PlainText, opts: { runs: number; pdfRuns: number; progress: (s: string) => void }): Promise<Paired> {
  const builds: number[] = [];
  const build = () => {
    const start = performance.now();
    const pkg = buildExportPackage(sessionExportSource(session));
    builds.push(performance.now() - start);
    return pkg;
  };
  const title = session.manifest().title;
  let result: Paired;
  if (format === 'docx') {
    result = await paired(
      opts.runs,
      async () => write(`${file}.docx`, await renderDocx(build(), MARKED_UP)),
      async () => write(`${file}-plain.docx`, await plainDocx(plain)),
    );
  } else if (format === 'html') {
    result = await paired(
      opts.runs,
      () => Promise.resolve(write(`${file}.html`, renderHtml(build(), MARKED_UP))),
      () => Promise.resolve(write(`${file}-plain.html`, plainHtml(title, plain))),
    );
  } else {
    const printPdf = cliPdfPrinter();
    const plainPage = plainHtml(title, plain);
    result = await paired(
      opts.pdfRuns,
      async () => write(`${file}.pdf`, await printPdf(renderHtml(build(), MARKED_UP))),
      async () => write(`${file}-plain.pdf`, await printPdf(plainPage)),
      false,
    );
    const tool = findPdfTool();
    result.pdf = { pages: pdfPages(`${file}.pdf`), baselinePages: pdfPages(`${file}-plain.pdf`), printer: `${tool.kind} ${tool.binary}` };
  }
  // The measured runs are the last ones (after the warm-up, when there is one).
  return { ...result, buildMs: builds.slice(-result.app.length) };
}

function describe(pkg: ExportPackage): { clauses: number; words: number; documents: number } {
  let clauses = 0;
  let words = 0;
  for (const d of pkg.documents) {
    for (const item of d.content) {
      if (item.kind === 'clause') clauses += 1;
      for (const t of leafTexts(item.node, [])) words += t.split(/\s+/u).filter(Boolean).length;
    }
  }
  return { clauses, words, documents: pkg.documents.length };
}

// ---- all of row 7 ------------------------------------------------------------------------------

/**
 * Exports of the sample and of the large workspace (written by the caller: `writeExportWorkspace`), and the
 * comparison of two rounds cut from a copy of the large one. Output files go under `work`.
 */
export async function measureExportCost(
  work: string,
  paths: { sample?: string; large?: string },
  opts: { runs: number; pdfRuns: number; compareRuns: number; progress: (s: string) => void; attempt: <T>(what: string, fn: () => T | Promise<T>) => Promise<T | undefined> },
): Promise<ExportCost> {
  const out = join(work, 'export-out');
  mkdirSync(out, { recursive: true });
  const cost: ExportCost = { runs: opts.runs, pdfRuns: opts.pdfRuns, compareRuns: opts.compareRuns };
  for (const [label, path] of [
    ['sample', paths.sample],
    ['large', paths.large],
  ] as const) {
    if (!path) continue;
    const session = WorkspaceSession.openReadOnly(path);
    try {
      // The first package after opening loads every document and checks every signature.
      const start = performance.now();
      const first = buildExportPackage(sessionExportSource(session));
      const measured: ExportedWorkspace = { ...describe(first), coldBuildMs: performance.now() - start };
      const plain = plainParagraphs(first);
      const formats: Format[] = label === 'large' ? ['docx', 'html', 'pdf'] : ['docx', 'html'];
      for (const format of formats) {
        const what =
          format === 'pdf'
            ? `export: PDF, ${label}, through the CLI printer (${opts.pdfRuns} runs, beside printing the plain HTML)`
            : `export: ${format.toUpperCase()}, ${label} (${opts.runs} runs + warm-up, beside the plain paragraphs ${format === 'docx' ? 'packed by docx' : 'joined as HTML'})`;
        measured[format] = await opts.attempt(what, () => measureExport(session, format, join(out, label), plain, opts));
      }
      cost[label] = measured;
    } finally {
      session.close();
    }
  }
  if (paths.large) {
    const large = paths.large;
    cost.compare = await opts.attempt('compare: two rounds of the large workspace, 10 % of clauses changed', () =>
      measureCompare(large, join(work, 'export-compare.chancery'), opts),
    );
  }
  return cost;
}
