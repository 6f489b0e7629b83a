import { describe, expect, it } from 'vitest';
import { relayAddresses } from './relay-addresses';

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal, netmask: '', mac: '', cidr: null }) as never;

describe('the addresses to give others for a relay hosted here', () => {
  it('lists every network IPv4 address of this machine, not loopback nor IPv6', () => {
    const table = { lo: [iface('127.0.0.1', 'IPv4', true)], eth0: [iface('192.168.1.20', 'IPv4'), iface('fe80::1', 'IPv6')], wlan0: [iface('10.0.0.7', 'IPv4')] };
    expect(relayAddresses(4455, table)).toEqual(['ws://192.168.1.20:4455', 'ws://10.0.0.7:4455']);
  });

  it('offers loopback only on a machine that is on no network', () => {
    expect(relayAddresses(4455, { lo: [iface('127.0.0.1', 'IPv4', true)] })).toEqual(['ws://127.0.0.1:4455']);
    expect(relayAddresses(9000, {})).toEqual(['ws://127.0.0.1:9000']);
  });
});
