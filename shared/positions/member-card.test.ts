import { describe, expect, it } from 'vitest';
import { encodeMemberCard, MEMBER_CARD_PREFIX, parseMemberCard } from './member-card';
import type { MemberCard } from './model';
import { toBase64Url } from './signing';

const card: MemberCard = { v: 1, name: 'Vera Lind — Délégation', key: `${'Ab9_-'.repeat(8)}AE` + 'w' };

describe('member cards', () => {
  it('round-trip as one line starting with the prefix', () => {
    const text = encodeMemberCard(card);
    expect(text.startsWith(MEMBER_CARD_PREFIX)).toBe(true);
    expect(text).toMatch(/^[a-z-]+:[A-Za-z0-9_-]+$/u);
    expect(parseMemberCard(text)).toEqual(card);
  });

  it('are found in pasted text: surrounding words, spaces, wrapped lines, indentation', () => {
    const text = encodeMemberCard(card);
    const wrapped = text.match(/.{1,20}/gu)!.join('\n    ');
    expect(parseMemberCard(`  Here is my card:\n\n${wrapped}\n\nBest, Vera  `)).toEqual(card);
    expect(parseMemberCard(`\t${text}\r\n`)).toEqual(card);
  });

  it('refuse damaged or foreign text, saying what is wrong and what to do', () => {
    const good = encodeMemberCard(card);
    const json = (value: unknown) => MEMBER_CARD_PREFIX + toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
    const cases: [string, RegExp][] = [
      ['hello', /does not start with/u],
      [MEMBER_CARD_PREFIX, /nothing follows/u],
      [good.slice(0, -7), /damaged or cut short/u],
      [json({ v: 2, name: 'x', key: card.key }), /unknown version/u],
      [json({ v: 1, name: '', key: card.key }), /name/u],
      [json({ v: 1, name: 'x', key: 'short' }), /key/u],
      [json({ v: 1, name: 'x', key: card.key, admin: true }), /unknown fields/u],
      [json([1, 2]), /holds no card/u],
    ];
    for (const [text, why] of cases) {
      let caught: unknown;
      try {
        parseMemberCard(text);
      } catch (err) {
        caught = err;
      }
      expect(caught, text).toMatchObject({ code: 'INVALID_MEMBER_CARD' });
      expect((caught as Error).message, text).toMatch(why);
      expect((caught as Error).message).toContain('copy their card again from Settings');
    }
  });
});
