import { describe, expect, it } from 'vitest';
import { RELAY_ADDRESS_PATTERN, relayAddressProblem } from './relay-address';

describe('relay addresses as people type them', () => {
  it('accepts ws:// and wss:// with a host and a port', () => {
    for (const ok of ['ws://192.168.1.20:4455', 'wss://relay.example.org', 'ws://host:1/', ' ws://10.0.0.7:8080 ']) {
      expect(relayAddressProblem(ok), ok).toBeNull();
    }
  });

  it('says what is wrong, naming the typed value, for anything else', () => {
    expect(relayAddressProblem('')).toMatch(/^Type the relay address/u);
    expect(relayAddressProblem('192.168.1.20:4455')).toMatch(/starts with ws:\/\//u);
    expect(relayAddressProblem('http://example.org')).toMatch(/starts with ws:\/\//u);
    expect(relayAddressProblem('ws://host:1/path')).toMatch(/^"ws:\/\/host:1\/path" is not a relay address/u);
    expect(relayAddressProblem('ws://host:70000')).toMatch(/^Port 70000 does not exist/u);
  });

  it('is the pattern main checks too', () => {
    expect(RELAY_ADDRESS_PATTERN.test('ws://192.168.1.20:4455')).toBe(true);
    expect(RELAY_ADDRESS_PATTERN.test('ws://host:1/path')).toBe(false);
  });
});
