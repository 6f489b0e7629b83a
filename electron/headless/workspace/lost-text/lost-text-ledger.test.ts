import { describe, expect, it } from 'vitest';
import { LEDGER_SETTING, LostTextLedger, MAX_KEPT, MAX_TEXT_CHARS, UNREADABLE_LEDGER_SETTING, type NewKeptText } from './lost-text-ledger';
import type { SettingStore } from './local-clients';
import { LocalClients, MAX_LOCAL_CLIENTS } from './local-clients';

/** The file's local settings, in memory. */
function settings(): SettingStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, readOnly: false, getSetting: (k) => values.get(k), setSetting: (k, v) => void values.set(k, v) };
}

const entry = (n: number, text = `text ${n}`): NewKeptText => ({
  docId: 'fw',
  clauseId: null,
  place: `paragraph ${n}`,
  text,
  by: 'VEL',
  block: { client: 1, clock: n },
  afterClauseId: null,
});

describe('the ledger of kept text', () => {
  it('keeps at most MAX_KEPT entries, dropping the oldest and counting them, and reads back what it wrote', () => {
    const store = settings();
    const ledger = new LostTextLedger(store);
    for (let n = 1; n <= MAX_KEPT + 50; n++) ledger.add([entry(n)]);
    expect(ledger.list()).toHaveLength(MAX_KEPT);
    expect(ledger.list()[0]!.place).toBe('paragraph 51');
    expect(ledger.dropped).toBe(50);
    const again = new LostTextLedger(store);
    expect(again.list()).toEqual(ledger.list());
    expect(again.dropped).toBe(50);
  });

  it('cuts a single text past MAX_TEXT_CHARS, saying how much is missing', () => {
    const ledger = new LostTextLedger(settings());
    const [added] = ledger.add([entry(1, 'x'.repeat(MAX_TEXT_CHARS + 10))]);
    expect(added!.text.length).toBeLessThan(MAX_TEXT_CHARS + 100);
    expect(added!.text).toMatch(/10 more characters were too many to keep\]$/u);
  });

  it('sets an unreadable ledger aside instead of overwriting it', () => {
    const store = settings();
    store.values.set(LEDGER_SETTING, '{"v":1,"entries":[{"broken":');
    const ledger = new LostTextLedger(store);
    expect(ledger.list()).toEqual([]);
    expect(store.values.get(UNREADABLE_LEDGER_SETTING)).toBe('{"v":1,"entries":[{"broken":');
  });

  it('remembers a bounded number of local client ids, the least recently used forgotten first', () => {
    const store = settings();
    const clients = new LocalClients(store);
    for (let id = 0; id < MAX_LOCAL_CLIENTS + 5; id++) clients.note([id]);
    clients.note([5]); // used again
    clients.note([MAX_LOCAL_CLIENTS + 5]);
    const reread = new LocalClients(store);
    expect(reread.list()).toHaveLength(MAX_LOCAL_CLIENTS);
    expect(reread.has(0)).toBe(false);
    expect(reread.has(5)).toBe(true);
    expect(reread.has(MAX_LOCAL_CLIENTS + 5)).toBe(true);
  });
});
