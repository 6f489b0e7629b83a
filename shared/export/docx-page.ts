import {
  AlignmentType,
  Footer,
  Header,
  PageNumber,
  Paragraph,
  TextRun,
  type ISectionOptions,
  type IStylesOptions,
} from 'docx';

/**
 * The page every Chancery DOCX is printed on: A4 (what delegations and secretariats print,
 * not US Letter, Word's default), a running title in the header so a loose page can be put back
 * in its document, and "Page N of M" in the footer, which Word and LibreOffice fill in as fields.
 * Shared by the marked-up, clean and redline exports so they look like one family of documents.
 */

/** A4 in twentieths of a point. */
export const A4_TWIPS = { width: 11906, height: 16838 } as const;

/** 20 mm top/bottom, 18 mm left/right, as the HTML print CSS has it. */
const MARGINS = { top: 1134, bottom: 1134, left: 1020, right: 1020, header: 567, footer: 567 } as const;

/** Section properties with the running title and page numbers, around `children`. */
export function pageSection(runningTitle: string, children: ISectionOptions['children']): ISectionOptions {
  return {
    properties: { page: { size: { ...A4_TWIPS }, margin: { ...MARGINS } } },
    headers: {
      default: new Header({
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: runningTitle, size: 18, italics: true })] }),
        ],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ size: 18, children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
          }),
        ],
      }),
    },
    children,
  };
}

/**
 * A serif body font that Word has everywhere and LibreOffice maps; 11 pt text; 6 pt after each
 * paragraph as a document default, not per paragraph (thousands of paragraphs each carrying
 * their own spacing object is what makes a long export slow).
 */
export const DOCX_STYLES: IStylesOptions = {
  default: { document: { run: { font: 'Times New Roman', size: 22 }, paragraph: { spacing: { after: 120 } } } },
};
