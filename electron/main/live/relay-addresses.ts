import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/** Where other machines on this network reach a relay this app hosts. */
export type InterfaceTable = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * The addresses to give other delegations for a relay hosted here on `port`: `ws://IP:port` for
 * every IPv4 address of this machine that is not internal (loopback), in interface order and
 * without duplicates. Only `ws://127.0.0.1:port` when there is none (a machine off every network
 * can still host for itself, and the address is honest about that).
 */
export function relayAddresses(port: number, interfaces: InterfaceTable = networkInterfaces()): string[] {
  const seen = new Set<string>();
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      // Node 18.0–18.3 reported the family as a number; every later version as a string.
      const v4 = info.family === 'IPv4' || (info.family as unknown) === 4;
      if (v4 && !info.internal) seen.add(`ws://${info.address}:${port}`);
    }
  }
  return seen.size > 0 ? [...seen] : [`ws://127.0.0.1:${port}`];
}
