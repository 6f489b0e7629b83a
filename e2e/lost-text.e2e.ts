import { copyFileSync } from 'node:fs';
import * as Y from 'yjs';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/app-fixture';
import { caretToEndOfClause, clauseTexts, expectAllSaved, openDocument, ui } from './support/ui';
import { WorkspaceSession } from '../electron/headless/workspace/workspace-session';
import { clause, doc, h, p } from '../shared/sample/builders';
import { CONTENT_FRAGMENT } from '../shared/schema/schema';
import { ORIGIN_COMMAND } from '../shared/sync/origins';
import { documentNode } from '../shared/workspace/document-content';

/**
 * Nothing typed disappears silently: a delegate types into paragraph 2 while the Velmark
 * delegation, on its own copy that never saw the typing, deletes that paragraph. When VEL's copy
 * is brought in (through the hub's path for other copies' updates, with what VEL had seen), the
 * editor says so — "VEL deleted paragraph 2 while you were editing it — restore your text?" —
 * and Restore puts the typed words back into the document, as a new paragraph after paragraph 1.
 */

const DOC_ID = 'framework';
const TITLE = 'Framework on monitoring';
const C1 = 'c-1a1a1a1a1a1a1a1a';
const C2 = 'c-2b2b2b2b2b2b2b2b';
const C3 = 'c-3c3c3c3c3c3c3c3c';
const TYPED = ' Reports shall be public within ten days.';

const banner = (page: Page) => page.getByTestId('lost-text-banner');

/** VEL's copy (made before the typing) deletes paragraph 2; returns that copy's state and what it had seen. */
function velDeletesParagraph2(velFile: string): { update: Uint8Array; seen: Map<number, number> } {
  const vel = WorkspaceSession.open(velFile);
  try {
    const d = vel.getDoc(DOC_ID);
    const fragment = d.getXmlFragment(CONTENT_FRAGMENT);
    const seen = Y.decodeStateVector(Y.encodeStateVector(d));
    const index = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('id') === C2);
    d.transact(() => fragment.delete(index, 1), ORIGIN_COMMAND);
    return { update: Y.encodeStateAsUpdate(d), seen };
  } finally {
    vel.close();
  }
}

test('text typed into a clause another delegation deleted unseen is kept, named, and restored on request', async ({ launchApp }, testInfo) => {
  test.slow(); // two app starts
  const file = testInfo.outputPath('Monitoring talks.chancery');
  const velFile = testInfo.outputPath('Velmark copy.chancery');
  const content = doc(
    h(1, TITLE),
    clause(C1, p('The Parties establish a Monitoring Mission.')),
    clause(C2, p('The Mission shall report monthly.')),
    clause(C3, p('This Framework enters into force on signature.')),
  );
  WorkspaceSession.create(file, { title: 'Monitoring talks', parties: [], documents: [{ id: DOC_ID, title: TITLE, content }] }).close();
  copyFileSync(file, velFile);

  await test.step('the delegate types into paragraph 2', async () => {
    const app = await launchApp({ args: [file] });
    const page = await app.firstWindow();
    await openDocument(page, TITLE);
    await caretToEndOfClause(page, 1);
    await page.keyboard.type(TYPED);
    await expect.poll(() => clauseTexts(page)).toContain(`The Mission shall report monthly.${TYPED}`);
    await expectAllSaved(page);
    await expect(banner(page)).toHaveCount(0);
    await app.close();
  });

  await test.step("VEL's copy, which never saw the typing, deletes paragraph 2 and is brought in", () => {
    const { update, seen } = velDeletesParagraph2(velFile);
    const session = WorkspaceSession.open(file);
    try {
      expect(session.applyPeerUpdate(DOC_ID, update, { by: 'VEL', seen })).toEqual({ kept: 1 });
    } finally {
      session.close();
    }
  });

  const app = await launchApp({ args: [file] });
  const page = await app.firstWindow();
  await openDocument(page, TITLE);
  await expect.poll(() => clauseTexts(page)).toEqual(['The Parties establish a Monitoring Mission.', 'This Framework enters into force on signature.']);

  await test.step('the editor names who deleted what, and shows the text on request', async () => {
    await expect(banner(page)).toHaveCount(1);
    await expect(banner(page)).toContainText('VEL deleted paragraph 2 while you were editing it — restore your text?');
    await banner(page).getByRole('button', { name: 'Show text' }).click();
    await expect(banner(page).getByLabel('Your deleted text')).toContainText(TYPED.trim());
  });

  await test.step('Restore puts the typed words back as a new paragraph after paragraph 1, with the cursor in it', async () => {
    await banner(page).getByRole('button', { name: 'Restore' }).click();
    await expect(banner(page)).toHaveCount(0);
    await expect
      .poll(() => clauseTexts(page))
      .toEqual(['The Parties establish a Monitoring Mission.', TYPED.trim(), 'This Framework enters into force on signature.']);
    const restoredId = await ui.clauses(page).nth(1).getAttribute('data-clause-id');
    expect(restoredId).toMatch(/^c-[0-9a-f]{16}$/u);
    expect([C1, C2, C3]).not.toContain(restoredId);
    await expect(ui.clauses(page).nth(1)).toHaveAttribute('data-number', '2');
    const caretIn = () => page.evaluate(() => window.getSelection()?.anchorNode?.parentElement?.closest('section.clause')?.getAttribute('data-clause-id') ?? null);
    await expect.poll(caretIn).toBe(restoredId);
    await expectAllSaved(page);
  });
  await app.close();

  await test.step('the file keeps the restored paragraph, and nothing is left to restore', () => {
    const session = WorkspaceSession.openReadOnly(file);
    try {
      expect(session.losses.list()).toEqual([]);
      expect(documentNode(session.getDoc(DOC_ID)).textContent).toContain(TYPED.trim());
    } finally {
      session.close();
    }
  });
});
