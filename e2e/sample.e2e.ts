import { expect, test } from './harness/app-fixture';
import { clauseNumbers, expectDocumentOrder, openDocument, ui } from './support/ui';
import { sampleWorkspace } from '../shared/sample/sample-workspace';

const sample = sampleWorkspace();

/** The numbers a reader expects in the margin: a running count; a labelled clause ("5 bis") shows its label. */
function expectedNumbers(content: unknown): string[] {
  const nodes = (content as { content?: Array<{ type: string; attrs?: { label?: string | null } }> }).content ?? [];
  const out: string[] = [];
  let n = 0;
  for (const node of nodes) {
    if (node.type !== 'clause') continue;
    const label = node.attrs?.label ?? null;
    if (!label) n += 1;
    out.push(label ?? String(n));
  }
  return out;
}

test('first start opens the sample negotiation', async ({ launchApp }) => {
  const app = await launchApp();
  const page = await app.firstWindow();

  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);

  // Its five documents, in order, in the sidebar.
  expect(sample.documents).toHaveLength(5);
  await expectDocumentOrder(
    page,
    sample.documents.map((d) => d.title),
  );

  // Four parties, each by name.
  expect(sample.parties).toHaveLength(4);
  await expect(ui.parties(page)).toHaveCount(4);
  for (const party of sample.parties) {
    await expect(ui.parties(page).filter({ hasText: party.name })).toHaveCount(1);
  }

  // A document opens in a tab and shows its operative paragraphs numbered.
  const framework = sample.documents[0]!;
  await openDocument(page, framework.title);
  const numbers = expectedNumbers(framework.content);
  expect(numbers.length).toBeGreaterThan(3);
  await expect(ui.clauses(page)).toHaveCount(numbers.length);
  expect(await clauseNumbers(page)).toEqual(numbers);
  await expect(ui.clauses(page).first()).not.toBeEmpty();

  // A second document opens in its own tab beside the first.
  const annex = sample.documents[1]!;
  await openDocument(page, annex.title);
  await expect(ui.tablist(page).getByRole('tab')).toHaveCount(2);
  expect(await clauseNumbers(page)).toEqual(expectedNumbers(annex.content));
});
