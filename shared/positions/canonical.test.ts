import { describe, expect, it } from 'vitest';
import { recordId } from './canonical';
import type { PositionRecord } from './model';
import { canonicalJson } from './signing';

// The examples of RFC 8785 (JSON Canonicalization Scheme), sections 3.2.2 and 3.2.3.
const RFC_INPUT = String.raw`{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`;
const RFC_OUTPUT = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;

const SORT_INPUT = String.raw`{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`;

describe('canonical encoding (RFC 8785)', () => {
  it('writes the RFC example exactly: key order, number forms, string escapes', () => {
    expect(canonicalJson(JSON.parse(RFC_INPUT))).toBe(RFC_OUTPUT);
  });

  it('sorts keys by UTF-16 code units, as the RFC sorting example does', () => {
    // (JSON.parse would list the integer-like key "1" first, so read the order off the text.)
    const values = [...canonicalJson(JSON.parse(SORT_INPUT)).matchAll(/:"([^"]*)"/gu)].map((m) => m[1]);
    expect(values).toEqual([
      'Carriage Return', 'One', 'Control', 'Latin Small Letter O With Diaeresis', 'Euro Sign', 'Emoji: Grinning Face', 'Hebrew Letter Dalet With Dagesh',
    ]);
  });

  it('keeps non-ASCII text as UTF-8 characters, not escapes', () => {
    expect(canonicalJson({ name: 'Délégation de Velmark — 代表団' })).toBe('{"name":"Délégation de Velmark — 代表団"}');
  });
});

describe('recordId', () => {
  const record = {
    v: 1, workspaceId: 'ws-1', docId: 'framework', clauseId: 'c-0123456789abcdef', party: 'VEL', status: 'accepted',
    textHash: 'a'.repeat(64), at: '2026-03-01T09:00:00.000Z', member: 'A'.repeat(43), signature: 'A'.repeat(86),
  } as PositionRecord;

  it('is the same whatever order the fields were written in', () => {
    const reversed = Object.fromEntries(Object.entries(record).reverse()) as unknown as PositionRecord;
    expect(recordId(reversed)).toBe(recordId(record));
  });

  it('is 43 base64url characters (a SHA-256) and changes with any field', () => {
    expect(recordId(record)).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(recordId({ ...record, status: 'disputed' })).not.toBe(recordId(record));
    expect(recordId({ ...record, signature: `${'A'.repeat(85)}Q` })).not.toBe(recordId(record));
  });
});
