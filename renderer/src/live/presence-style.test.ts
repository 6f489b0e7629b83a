// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { buildCursor, buildSelection, NEUTRAL_COLOUR, presenceUser } from './presence-style';

describe('remote cursors and selections', () => {
  it('draws a cursor with the name and party, coloured through the CSSOM', () => {
    const cursor = buildCursor({ name: 'Tomas Brenner', party: 'VEL', colour: '#c27c0e', session: 's' });
    expect(cursor.dataset.testid).toBe('presence-cursor');
    expect(cursor.dataset.party).toBe('VEL');
    expect(cursor.textContent).toContain('Tomas Brenner (VEL)');
    expect(cursor.style.getPropertyValue('border-color')).not.toBe('');
    expect(cursor.querySelector('.presence-cursor-label')).not.toBeNull();
  });

  it('takes nothing from another machine on trust: a bad colour is grey, markup is text, an odd party code gets no class of its own', () => {
    const hostile = { name: '<img src=x onerror=alert(1)>', party: 'X"] {} body { display:none', colour: 'red; background:url(http://x)' };
    expect(presenceUser(hostile)).toEqual({ name: hostile.name, party: null, colour: NEUTRAL_COLOUR });
    const cursor = buildCursor(hostile);
    expect(cursor.querySelector('img')).toBeNull();
    expect(cursor.textContent).toContain('<img');
    expect(buildSelection(hostile)).toEqual({ class: 'presence-sel presence-sel-none' });
    expect(presenceUser(undefined).name).toBe('Someone');
  });

  it('shades a selection with a class per party, never a style attribute', () => {
    expect(buildSelection({ name: 'A', party: 'ALD', colour: '#1f5fbf' })).toEqual({ class: 'presence-sel presence-sel-ALD' });
    expect(Object.keys(buildSelection({ name: 'A', party: 'ALD', colour: '#1f5fbf' }))).toEqual(['class']);
  });
});
