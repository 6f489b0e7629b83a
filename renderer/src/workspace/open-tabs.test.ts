import { describe, expect, it } from 'vitest';
import { NO_TABS, removedIds, tabsReducer, type TabsAction, type TabsState } from './open-tabs';

const run = (...actions: TabsAction[]): TabsState => actions.reduce(tabsReducer, NO_TABS);

describe('open tabs', () => {
  it('opens each document once and shows it', () => {
    const state = run({ type: 'open', id: 'a' }, { type: 'open', id: 'b' }, { type: 'open', id: 'a' });
    expect(state).toEqual({ open: ['a', 'b'], active: 'a' });
  });

  it('shows the right-hand neighbour when the active tab closes, else the left one', () => {
    const three = run({ type: 'open', id: 'a' }, { type: 'open', id: 'b' }, { type: 'open', id: 'c' });
    expect(tabsReducer({ ...three, active: 'b' }, { type: 'close', id: 'b' })).toEqual({ open: ['a', 'c'], active: 'c' });
    expect(tabsReducer(three, { type: 'close', id: 'c' })).toEqual({ open: ['a', 'b'], active: 'b' });
    expect(tabsReducer(three, { type: 'close', id: 'a' })).toEqual({ open: ['b', 'c'], active: 'c' });
    expect(run({ type: 'open', id: 'a' }, { type: 'close', id: 'a' })).toEqual(NO_TABS);
  });

  it('closes the tabs of deleted documents', () => {
    const state = run({ type: 'open', id: 'a' }, { type: 'open', id: 'b' });
    const ids = removedIds(['a', 'b', 'c'], ['a']);
    expect(ids).toEqual(['b', 'c']);
    expect(tabsReducer(state, { type: 'removed', ids })).toEqual({ open: ['a'], active: 'a' });
  });
});
