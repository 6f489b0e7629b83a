import { describe, expect, it } from 'vitest';
import { NAMESPACE_NAMES, callNames, channelOf, eventNames } from './contract';
import { eventChannel } from './derived';
import { ARG_SCHEMAS, parseArgs } from './validation';

const CLAUSE = 'c-0123456789abcdef';
const KEY = 'A'.repeat(43);

describe('IPC contract', () => {
  it('names every channel <namespace>:<method>, each once', () => {
    const channels = NAMESPACE_NAMES.flatMap((ns) => callNames(ns).map((m) => channelOf(ns, m)));
    expect(new Set(channels).size).toBe(channels.length);
    expect(channels).toEqual(expect.arrayContaining(['workspace:open', 'sync:pushUpdate', 'identity:memberCard', 'roster:admit', 'positions:set']));
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+:[A-Za-z]+$/u);
  });

  it('has an argument schema for every method and no schema without a method', () => {
    for (const ns of NAMESPACE_NAMES) expect(Object.keys(ARG_SCHEMAS[ns]).sort()).toEqual(callNames(ns).sort());
  });

  it('routes known events to their channel and refuses any other name', () => {
    for (const ns of NAMESPACE_NAMES) for (const e of eventNames(ns)) expect(eventChannel(`${ns}.${e}`)).toBe(`${ns}:${e}`);
    expect(eventChannel('positions.changed')).toBe('positions:changed');
    for (const bad of ['docUpdate', 'sync.', '.changed', 'sync.openDoc', 'toString.x', 'positions.__proto__', 'sync:docUpdate']) {
      expect(eventChannel(bad)).toBeNull();
    }
  });
});

describe('IPC argument checks', () => {
  it('accepts well-formed calls', () => {
    expect(parseArgs('positions', 'set', ['framework', CLAUSE, 'eu', 'disputed', 'Too broad.', 'Replace "all" by "some".'])).toEqual([
      'framework',
      CLAUSE,
      'eu',
      'disputed',
      'Too broad.',
      'Replace "all" by "some".',
    ]);
    expect(parseArgs('roster', 'setParty', [{ code: 'ald', name: 'Aldoria', colour: '#1f6feb' }])).toHaveLength(1);
    expect(parseArgs('roster', 'admit', ['chancery-member-card:abc', 'observer', null])).toHaveLength(3);
    expect(parseArgs('identity', 'setName', ['  Ilse Varga '])).toEqual(['Ilse Varga']);
  });

  it.each([
    ['a clause id that is not one', 'positions', 'set', ['framework', 'clause-1', 'eu', 'accepted', null, null]],
    ['a status outside the five', 'positions', 'set', ['framework', CLAUSE, 'eu', 'agreed', null, null]],
    ['a comment over 2000 characters', 'positions', 'set', ['framework', CLAUSE, 'eu', 'reserved', 'x'.repeat(2001), null]],
    ['a proposal over 10000 characters', 'positions', 'set', ['framework', CLAUSE, 'eu', 'disputed', null, 'x'.repeat(10_001)]],
    ['a party code with a slash', 'positions', 'set', ['framework', CLAUSE, 'e/u', 'accepted', null, null]],
    ['a colour that is not #rrggbb', 'roster', 'setParty', [{ code: 'ald', name: 'Aldoria', colour: 'red' }]],
    ['a party with an extra field', 'roster', 'setParty', [{ code: 'ald', name: 'Aldoria', colour: '#1f6feb', retired: true }]],
    ['an empty party name', 'roster', 'setParty', [{ code: 'ald', name: '  ', colour: '#1f6feb' }]],
    ['a card text over 64 KiB', 'roster', 'admit', ['x'.repeat(64 * 1024 + 1), 'member', 'ald']],
    ['a role that does not exist', 'roster', 'admit', ['chancery-member-card:abc', 'convener', null]],
    ['a key that is not a public key', 'roster', 'remove', [`${KEY}=`]],
    ['a display name over 200 characters', 'identity', 'setName', ['x'.repeat(201)]],
    ['an argument too many', 'identity', 'get', ['extra']],
    ['a history without a clause', 'positions', 'history', ['framework']],
  ] as const)('refuses %s with INVALID_ARGUMENT naming the channel', (_what, ns, method, args) => {
    const parse = parseArgs as (namespace: string, name: string, raw: unknown[]) => unknown;
    expect(() => parse(ns, method, [...args])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(`${ns}:${method}`) }),
    );
  });

  it('refuses a method the contract does not have', () => {
    expect(() => parseArgs('identity', 'privateKey' as 'get', [])).toThrow(expect.objectContaining({ code: 'UNKNOWN_CHANNEL' }));
    expect(() => parseArgs('identity', 'toString' as 'get', [])).toThrow(expect.objectContaining({ code: 'UNKNOWN_CHANNEL' }));
  });
});
