import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/app-fixture';
import { caretToEndOfClause, chancery, openDocument, ui } from './support/ui';
import { sampleWorkspace } from '../shared/sample/sample-workspace';

/**
 * A delegation's private notes (issue 7): on first start the user is convener of the sample and
 * head of the Aldorian delegation (ALD). They add a note to a clause in the "Delegation notes"
 * panel; it shows with the clause's marker, survives closing and reopening the workspace, and
 * nothing of it reaches `chancery info` / `positions` output or any shared document of the file —
 * only the delegation's private document holds it.
 */

const sample = sampleWorkspace();
const framework = sample.documents[0]!;
const NOTE = 'Fallback line agreed with the capital: 25 km, not less';
const CLAUSE_INDEX = 1;

const notes = {
  panel: (page: Page) => page.getByRole('tabpanel').getByRole('complementary', { name: 'Delegation notes' }),
  privacy: (page: Page) => notes.panel(page).getByTestId('notes-privacy'),
  clause: (page: Page) => notes.panel(page).getByTestId('notes-clause'),
  input: (page: Page) => notes.panel(page).getByRole('textbox', { name: 'New note' }),
  add: (page: Page) => notes.panel(page).getByRole('button', { name: 'Add note', exact: true }),
  items: (page: Page) => notes.panel(page).getByTestId('note'),
};

/** Every stored row of the file, by document id. */
function rowsByDoc(file: string): Map<string, Buffer[]> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT doc_id, data FROM updates ORDER BY seq').all() as { doc_id: string; data: Buffer }[];
    const out = new Map<string, Buffer[]>();
    for (const { doc_id, data } of rows) out.set(doc_id, [...(out.get(doc_id) ?? []), data]);
    return out;
  } finally {
    db.close();
  }
}

test('a note added in the panel shows with its marker, survives reopening, and stays out of every shared document and report', async ({
  launchApp,
  userDataDir,
}) => {
  const file = join(userDataDir, 'Sample negotiation.chancery');
  let app = await launchApp();
  let page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
  await openDocument(page, framework.title);
  const section = ui.clauses(page).nth(CLAUSE_INDEX);
  const clauseId = await section.getAttribute('data-clause-id');
  expect(clauseId).toMatch(/^c-[0-9a-f]{16}$/u);

  await test.step('the panel says the notes are private to the delegation and follows the cursor', async () => {
    await expect(notes.privacy(page)).toHaveText('Private to ALD — no other delegation sees these');
    await caretToEndOfClause(page, CLAUSE_INDEX);
    await expect(notes.clause(page)).toHaveAttribute('data-clause-id', clauseId!);
    await expect(notes.clause(page).getByTestId('notes-empty')).toBeVisible();
    await expect(section).not.toHaveClass(/\bhas-notes\b/u);
  });

  await test.step('adding a note shows it with its author and marks the clause', async () => {
    await notes.input(page).fill(NOTE);
    await notes.add(page).click();
    await expect(notes.items(page)).toHaveCount(1);
    await expect(notes.items(page).getByTestId('note-text')).toHaveText(NOTE);
    await expect(notes.items(page).getByTestId('note-author')).not.toBeEmpty();
    await expect(notes.input(page)).toHaveValue('');
    await expect(section).toHaveClass(/\bhas-notes\b/u);
    await expect(section).toHaveAttribute('data-notes', '1');
    // Another clause has none.
    await expect(ui.clauses(page).nth(CLAUSE_INDEX + 1)).not.toHaveClass(/\bhas-notes\b/u);
  });
  await app.close();

  await test.step('after reopening the workspace the note and its marker are still there', async () => {
    app = await launchApp();
    page = await app.firstWindow();
    await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
    await openDocument(page, framework.title);
    const again = ui.clauses(page).nth(CLAUSE_INDEX);
    await expect(again).toHaveAttribute('data-clause-id', clauseId!);
    await expect(again).toHaveClass(/\bhas-notes\b/u);
    await caretToEndOfClause(page, CLAUSE_INDEX);
    await expect(notes.items(page).getByTestId('note-text')).toHaveText(NOTE);
    await app.close();
  });

  await test.step('chancery info and positions print nothing of it', () => {
    for (const argv of [['info', file, '--json'], ['info', file], ['positions', file, '--json'], ['positions', file], ['verify', file, '--json']]) {
      const out = chancery(...argv);
      expect(out, argv.join(' ')).not.toContain(NOTE);
      expect(out, argv.join(' ')).not.toContain('private_');
    }
    const info = JSON.parse(chancery('info', file, '--json')) as { documents: { id: string }[] };
    expect(info.documents.map((d) => d.id)).toEqual(sample.documents.map((d) => d.id));
  });

  await test.step('the file holds the note only in the delegation’s private document', () => {
    const rows = rowsByDoc(file);
    const needle = Buffer.from(NOTE, 'utf8');
    const holding = [...rows].filter(([, data]) => data.some((row) => row.includes(needle))).map(([docId]) => docId);
    expect(holding).toEqual(['private_ALD']);
    expect([...rows.keys()].filter((id) => id.startsWith('private_'))).toEqual(['private_ALD']);
  });
});
