/**
 * A relay address as people type it and invitations carry it: `ws://` or `wss://`, a host, an
 * optional port, nothing after but an optional slash. One pattern, so the window's inline hint,
 * main's argument check and the command line accept exactly the same addresses.
 */

/** The pattern every relay address typed by a user must match. */
export const RELAY_ADDRESS_PATTERN = /^wss?:\/\/[^\s/]+(:\d{1,5})?\/?$/u;

/** An example to show beside a field or in an error, so people see the expected shape. */
export const RELAY_ADDRESS_EXAMPLE = 'ws://192.168.1.20:4455';

/**
 * Why `text` is not a relay address, in words for the person typing it, or null when it is one.
 * The window shows this inline before asking main, which checks the same pattern again.
 */
export function relayAddressProblem(text: string): string | null {
  const value = text.trim();
  if (value === '') return `Type the relay address, such as ${RELAY_ADDRESS_EXAMPLE}.`;
  if (!/^wss?:\/\//u.test(value)) return `A relay address starts with ws:// (or wss://), such as ${RELAY_ADDRESS_EXAMPLE}.`;
  if (!RELAY_ADDRESS_PATTERN.test(value)) return `${JSON.stringify(value)} is not a relay address: give the host and port only, such as ${RELAY_ADDRESS_EXAMPLE}.`;
  const port = /:(\d+)\/?$/u.exec(value.slice(value.indexOf('//') + 2));
  if (port && Number(port[1]) > 65_535) return `Port ${port[1]} does not exist: a port is at most 65535.`;
  return null;
}
