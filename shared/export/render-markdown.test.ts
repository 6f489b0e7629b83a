import { describe, expect, it } from 'vitest';
import { clause, doc, p } from '../sample/builders';
import { fixtureSpec } from './render-test-support';
import { escapeLineStart, escapeMarkdown, renderMarkdown } from './render-markdown';
import { testPackage } from './test-package';

const pkg = testPackage(fixtureSpec());
const marked = renderMarkdown(pkg, { clean: false, agreedOnly: false });
const lines = marked.split('\n');

describe('renderMarkdown (marked-up)', () => {
  it('prints clauses as **label.** text, brackets (escaped, so they stay literal) around exactly the disputed and reserved ones', () => {
    expect(lines).toContain('**1.** The Parties agree to **cease** all hostilities.');
    expect(lines).toContain('**2.** \\[Option 1: Troops withdraw within 30 days \\[sic\\] \\*now\\*.');
    expect(lines).toContain('2. from the south.\\]');
    expect(lines).toContain('**2 bis.** \\[<u>Monitoring begins at once.</u>\\][^d1-2]');
    expect(lines).toContain('**3.** Sanctions are lifted \\<script\\>alert(1)\\</script\\>.[^d1-3][^d1-4]');
    expect(lines).toContain('**4.** 1. Stale clause text.[^d1-5]');
    expect(lines).toContain('**2.** \\[Annex clause two.\\][^d2-1]');
    const bracketedLabels = lines.filter((l) => /^\*\*[^*]+\*\* \\\[/u.test(l)).map((l) => l.split('**')[1]);
    expect(bracketedLabels).toEqual(['2.', '2 bis.', '2.']);
  });

  it('stacks options attributed to their proposers, and footnotes unique across the package', () => {
    expect(lines).toContain(
      '\\[Option 2: Troops withdraw within 90 days.\\] (proposed by Republic of Velmora (VEL) and Maritime Principality of Sessa (MPS))[^d1-1]',
    );
    expect(lines).toContain('[^d1-1]: Disputed by Republic of Velmora (VEL): Too short for orders to reach every unit; Maritime Principality of Sessa (MPS).');
    expect(lines).toContain('[^d1-5]: Position of Republic of Velmora (VEL) given on earlier text; not counted as agreement.');
    expect(lines).toContain('[^d1-4]: 1 record that does not verify (Republic of Velmora (VEL)) is not counted.');
    expect(lines).toContain('[^d2-1]: Disputed by Republic of Aldoria (ALD).');
    const defs = lines.filter((l) => /^\[\^d\d+-\d+\]:/u.test(l)).map((l) => l.split(':')[0]!);
    expect(new Set(defs).size).toBe(defs.length);
    for (const d of defs) expect(marked.split(d).length - 1).toBe(2); // one reference, one definition
  });

  it('has the cover figures and an annex pipe table per document', () => {
    expect(lines).toContain('**Package agreement: 28.6% (2 of 7 clauses agreed by all; 1 more agreed ad referendum)**');
    expect(lines).toContain('- Bracketed clauses: 3');
    expect(lines).toContain('- Reservations: 1');
    expect(lines).toContain('| Clause | ALD | VEL | MPS |');
    expect(lines).toContain('| 2 bis | Accepted | Accepted | Reserved |');
    expect(lines).toContain('| 3 | Accepted | Accepted; 1 invalid record | Accepted ad referendum |');
    expect(lines).toContain('| 4 | Accepted | Accepted (earlier text) | Accepted |');
    expect(lines).toContain('| 2 | Disputed | Open | Open |');
  });

  it('escapes a pipe in a cell and text that would start a heading or list', () => {
    const tricky = testPackage({
      title: 'T',
      documents: [{ id: 'd', title: 'A | B', content: doc(p('# not a heading'), p('1. not a list'), clause('x', 'a | b')) }],
    });
    const md = renderMarkdown(tricky, { clean: false, agreedOnly: false });
    expect(md).toContain('\n\\# not a heading\n');
    expect(md).toContain('\n1\\. not a list\n');
    expect(md).toContain('## A \\| B');
    expect(escapeMarkdown('[x](y) *z* a|b')).toBe('\\[x\\](y) \\*z\\* a\\|b');
    expect(escapeLineStart('- item')).toBe('\\- item');
  });
});

describe('renderMarkdown (clean)', () => {
  it('prints the text without markup', () => {
    const md = renderMarkdown(pkg, { clean: true, agreedOnly: false });
    expect(md).toContain('*Clean text — Berlin round*');
    expect(md).toContain('**2.** Troops withdraw within 30 days \\[sic\\] \\*now\\*.');
    expect(md).toContain('**2 bis.** <u>Monitoring begins at once.</u>');
    expect(md).not.toMatch(/Option 2|\[\^|Disputed by|Package agreement|\| Clause/u);
  });

  it('keeps only the agreed clauses when asked', () => {
    const md = renderMarkdown(pkg, { clean: true, agreedOnly: true });
    expect(md).toContain('*Clean text — agreed clauses only — Berlin round*');
    expect(md.split('\n').filter((l) => l.startsWith('**'))).toEqual(['**1.** The Parties agree to **cease** all hostilities.', '**1.** Annex clause one.']);
    expect(md).toContain('## Part I — General');
  });
});
