import { describe, expect, it } from 'vitest';
import { clause, h, inserted } from '../sample/builders';
import { testPackage } from '../export/test-package';
import { compareWorkspaces } from './compare-workspaces';
import { renderRedlineMarkdown } from './render-redline-markdown';

const VERSIONS = {
  older: { name: 'Berlin round', roundId: 'r-1', at: '2025-03-01T10:00:00.000Z' },
  newer: { name: 'Current text', roundId: null, at: '2025-03-12T14:05:00.000Z' },
};

const older = testPackage({
  documents: [
    {
      id: 'doc-1',
      title: 'Framework',
      content: [
        h(1, 'General provisions'),
        clause('a', 'Parties shall notify the Secretariat.'),
        clause('b', 'States cooperate.'),
        inserted('b2', '2 bis', 'Bis text stays.'),
        clause('c', 'Gamma clause to move.'),
        clause('gone', 'This clause is dropped.'),
      ],
      positions: { a: { VEL: 'disputed', ALD: 'accepted' } },
    },
  ],
});
const newer = testPackage({
  documents: [
    {
      id: 'doc-1',
      title: 'Framework',
      content: [
        h(1, 'General provisions'),
        clause('c', 'Gamma clause to move.'),
        clause('a', 'Parties should inform the Secretariat.'),
        clause('b', 'States {++fully++} cooperate.'),
        inserted('b2', '2 bis', 'Bis text stays.'),
        clause('new', 'A wholly new clause.'),
      ],
      positions: { a: { VEL: 'accepted', ALD: { status: 'accepted', stale: true } } },
    },
  ],
});
const md = renderRedlineMarkdown(compareWorkspaces(older, newer, VERSIONS));
const paragraphs = md.trimEnd().split('\n\n');

describe('renderRedlineMarkdown', () => {
  it('marks changed words with CriticMarkup, exactly where they changed', () => {
    expect(paragraphs).toContain('**2.** {>>(was 1)<<} Parties {--shall notify--}{++should inform++} the Secretariat.');
    expect(paragraphs).toContain('**2 bis.** Bis text stays.');
  });

  it('escapes delegates’ text, so "{++" in a clause cannot forge a revision', () => {
    const b = paragraphs.find((p) => p.startsWith('**3.**'))!;
    expect(b).toBe('**3.** {>>(was 2)<<} States {++\\{++fully++\\}++} cooperate.');
  });

  it('marks moved, added and removed clauses, the removed one where it stood', () => {
    expect(paragraphs).toContain('**1.** {>>Moved from after para 2 bis<<} {>>(was 3)<<} Gamma clause to move.');
    const gone = paragraphs.indexOf('**4.** {>>Removed since Berlin round<<} {--This clause is dropped.--}');
    expect(gone).toBeGreaterThan(paragraphs.indexOf('**2 bis.** Bis text stays.'));
    expect(paragraphs[gone + 1]).toBe('**4.** {>>Added in Current text<<} {++A wholly new clause.++}');
  });

  it('lists position changes under the clause, a stale acceptance as such', () => {
    expect(md).toContain(
      [
        '- Republic of Aldoria (ALD): Accepted → Accepted (Given on earlier text)',
        '- Republic of Velmora (VEL): Disputed → Accepted',
      ].join('\n'),
    );
    expect(md).toContain('## Position changes');
    expect(md).toContain('- Para 2 — Republic of Velmora (VEL): Disputed → Accepted');
  });

  it('opens with both versions and the tallies', () => {
    expect(md.startsWith('# Test Framework — changes from Berlin round to Current text\n')).toBe(true);
    expect(md).toContain('From: Berlin round (1 March 2025, 10:00 UTC)');
    expect(md).toContain('- 2 clauses changed, 1 added, 1 removed');
    expect(md).toContain('## General provisions');
  });
});
