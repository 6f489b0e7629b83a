/**
 * The stylesheet of the HTML export, which is also the layout of the PDF (Chromium prints the
 * HTML). Print rules are the point: A4, margin boxes for the running title and "Page N of M"
 * (Chromium 131+ fills `@page` margin boxes and `counter(pages)`), each document and the annex on
 * a new page. Fonts are ones a Debian machine has (DejaVu Serif), so a PDF printed by the CLI
 * looks like one printed by the app.
 */

/** A CSS string literal of `text`: every character outside a safe set as a hex escape, so a title cannot end the string or the style element. */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    out += /[A-Za-z0-9 ,.:;!?()'-]/u.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  }
  return `${out}"`;
}

/** The whole stylesheet; `title` is the running title printed at the top of every page. */
export function exportCss(title: string): string {
  return `
@page {
  size: A4;
  margin: 20mm 18mm;
  @top-center { content: ${cssString(title)}; font-family: "DejaVu Serif", "Liberation Serif", "Times New Roman", serif; font-size: 8.5pt; color: #444; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: "DejaVu Serif", "Liberation Serif", "Times New Roman", serif; font-size: 8.5pt; color: #444; }
}
html { font-family: "DejaVu Serif", "Liberation Serif", "Times New Roman", serif; font-size: 11pt; line-height: 1.45; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 46em; padding: 1em; }
h1 { font-size: 1.6em; margin: 0 0 0.4em; }
h2 { font-size: 1.3em; margin: 1.2em 0 0.4em; }
h3 { font-size: 1.15em; margin: 1em 0 0.3em; }
h4, h5, h6 { font-size: 1em; margin: 1em 0 0.3em; }
p { margin: 0 0 0.6em; }
.version-note, .figure { font-style: italic; }
.cover h1 { font-size: 2em; margin-top: 2em; }
.cover ul { padding-left: 1.2em; }
.document, .annex { break-before: page; }
.document.first { break-before: auto; }
.clause { margin: 0 0 0.8em; break-inside: avoid-page; }
.clause-label { font-weight: bold; }
.option { margin-left: 2em; }
sup.fnref { font-size: 0.7em; line-height: 0; }
sup.fnref a { color: inherit; text-decoration: none; }
.footnotes { border-top: 1px solid #888; margin-top: 1.5em; padding-top: 0.4em; font-size: 0.9em; }
.footnotes h2 { font-size: 1em; }
table.positions { border-collapse: collapse; width: 100%; font-size: 0.85em; margin-bottom: 1em; }
table.positions th, table.positions td { border: 1px solid #666; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
table.positions thead { display: table-header-group; }
table.positions tr { break-inside: avoid; }
.legend { font-size: 0.9em; }
`.trim();
}
