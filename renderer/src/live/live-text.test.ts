import { describe, expect, it } from 'vitest';
import type { LiveStatus } from '../../../shared/live/live-model';
import { connectionHint, connectionText, defaultExpiryDate, expiryFromDate, unconfirmedText } from './live-text';

const status = (over: Partial<LiveStatus>): LiveStatus => ({ state: 'connected', relay: 'ws://10.0.0.7:4455', unconfirmed: 0, refusal: null, hosting: null, ...over });

describe('connection status words', () => {
  it('names every state the way the header shows it', () => {
    expect(connectionText(status({ state: 'connected' }))).toBe('Connected');
    expect(connectionText(status({ state: 'offline' }))).toBe('Offline');
    const hostingFailed = { port: 4455, message: 'The relay cannot listen on 0.0.0.0:4455: port 4455 is already in use.' };
    expect(connectionText(status({ state: 'offline', hostingFailed }))).toBe('Offline: could not host on port 4455');
    expect(connectionHint(status({ state: 'offline', hostingFailed }))).toMatch(/^The relay cannot listen on 0\.0\.0\.0:4455: port 4455 is already in use\. .*Host on this network/u);
    expect(connectionText(status({ state: 'reconnecting' }))).toBe('Reconnecting…');
    expect(connectionText(status({ state: 'connecting' }))).toBe('Connecting…');
    expect(connectionText(status({ state: 'local', relay: null }))).toBe('Not shared');
    expect(connectionText(status({ state: 'refused', refusal: { reason: 'invitation-expired', message: 'invitation expired' } }))).toBe('Refused: invitation expired');
  });

  it('counts unconfirmed changes, and says nothing when there are none', () => {
    expect(unconfirmedText(0)).toBeNull();
    expect(unconfirmedText(1)).toBe('1 change not yet confirmed by the relay');
    expect(unconfirmedText(3)).toBe('3 changes not yet confirmed by the relay');
  });

  it('offers an expiry a week ahead, and reads a chosen day as its end', () => {
    expect(defaultExpiryDate(new Date(2025, 2, 1, 10))).toBe('2025-03-08');
    const end = new Date(expiryFromDate('2025-03-08')!);
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([2025, 2, 8, 23, 59]);
    expect(expiryFromDate('next week')).toBeNull();
  });
});
