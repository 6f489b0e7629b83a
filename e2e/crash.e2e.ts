import { expect, test } from './harness/app-fixture';
import {
  addDocument,
  clauseNumbers,
  clauseTexts,
  createWorkspace,
  expectAllSaved,
  openDocument,
  chancery,
  ui,
} from './support/ui';
import { seededRandom } from '../shared/testing/seeded-random';

const ROUNDS = 3;
const WORDS = ['ceasefire', 'monitoring', 'the Parties', 'shall', 'verification', 'corridor', 'annex', 'guarantee', 'withdrawal', 'in good faith'];

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return `${out.join(' ')}. `;
}

test('text saved before a crash (kill -9 while typing) is intact after restart', async ({ launchApp }, testInfo) => {
  test.setTimeout(ROUNDS * 90_000);
  const seed = Number(process.env.CHANCERY_E2E_SEED ?? Date.now() % 2 ** 31);
  console.log(`crash.e2e seed: ${seed} (replay with CHANCERY_E2E_SEED=${seed})`);
  testInfo.annotations.push({ type: 'seed', description: String(seed) });
  const random = seededRandom(seed);

  const file = testInfo.outputPath('Crash round.chancery');
  const doc = 'Security guarantees';
  let app = await launchApp();
  let page = await app.firstWindow();
  await createWorkspace(app, page, file);
  await addDocument(page, doc);
  await openDocument(page, doc);
  await ui.clauses(page).first().click();

  for (let round = 1; round <= ROUNDS; round++) {
    await test.step(`round ${round}`, async () => {
      // Type, and wait until the window says it is saved: that text must survive anything.
      await page.keyboard.type(sentence(random, 4 + Math.floor(random() * 6)));
      await expectAllSaved(page);
      const saved = await clauseTexts(page);
      expect(saved.join('')).not.toBe('');

      // Keep typing without waiting, and crash at a random moment.
      const typing = page.keyboard.type(sentence(random, 30), { delay: 15 }).catch(() => {});
      await new Promise((r) => setTimeout(r, 100 + Math.floor(random() * 1200)));
      await app.kill();
      await typing;

      app = await launchApp({ args: [file] });
      page = await app.firstWindow();
      await expect(ui.alert(page)).toHaveCount(0);
      await openDocument(page, doc);

      // Every clause that was saved is there with at least the saved text (later keystrokes may or
      // may not have made it), and the numbering is intact.
      await expect(ui.clauses(page)).toHaveCount(saved.length);
      const after = await clauseTexts(page);
      for (const [i, text] of saved.entries()) {
        expect(after[i]!.startsWith(text), `clause ${i + 1}: saved "${text}", after restart "${after[i]}"`).toBe(true);
      }
      expect(await clauseNumbers(page)).toEqual(saved.map((_, i) => String(i + 1)));
      const savedChars = saved.join('').length;
      console.log(`round ${round}: ${savedChars} characters saved before the crash, ${after.join('').length} after restart`);

      // Not corrupt: it still takes and saves edits. Continue at the end of the last clause.
      await ui.clauses(page).last().click();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.type(' ');
      await expectAllSaved(page);
    });
  }
  await app.close();

  // The file also reads cleanly outside the app.
  const info = JSON.parse(chancery('info', '--json', file)) as { documents: Array<{ title: string }> };
  expect(info.documents.map((d) => d.title)).toEqual([doc]);
});
