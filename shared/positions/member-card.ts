import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import { ChanceryError } from '../errors';
import type { MemberCard } from './model';
import { MAX_NAME_LENGTH } from './record-schema';
import { fromBase64Url, toBase64Url } from './signing';

/** How a member card's text starts, so a pasted card is told apart from any other text. */
export const MEMBER_CARD_PREFIX = 'chancery-member-card:';

const KEY = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/u;
const ASK_AGAIN = 'Ask the delegate to copy their card again from Settings.';

function refuse(what: string): never {
  throw new ChanceryError('INVALID_MEMBER_CARD', `This is not a usable member card: ${what}. ${ASK_AGAIN}`);
}

/**
 * A delegate's card as one line of text (prefix + base64url of its JSON): safe in an e-mail, a
 * chat message or a file, and carried to the head with no network.
 */
export function encodeMemberCard(card: MemberCard): string {
  const json = JSON.stringify({ v: 1, name: card.name, key: card.key });
  return MEMBER_CARD_PREFIX + toBase64Url(encodeUtf8(json));
}

/** The prefix with any whitespace between its characters (a mail client may wrap it too); it has no regex metacharacters. */
const PREFIX_PATTERN = new RegExp([...MEMBER_CARD_PREFIX].join('\\s*'), 'u');

function decodeJson(body: string): unknown {
  try {
    return JSON.parse(decodeUtf8(fromBase64Url(body)));
  } catch {
    return undefined;
  }
}

/**
 * Reads a pasted or loaded card. Mail clients and chat apps wrap, indent and pad text, and people
 * paste it amid other words, so the card is found wherever it stands: after the prefix, the
 * whitespace-separated pieces are joined one by one until they decode to a card. Throws
 * INVALID_MEMBER_CARD saying what is wrong and what to do.
 */
export function parseMemberCard(text: string): MemberCard {
  const found = PREFIX_PATTERN.exec(String(text));
  if (!found) refuse(`it does not start with "${MEMBER_CARD_PREFIX}"`);
  const pieces: string[] = [];
  for (const token of String(text).slice(found.index + found[0].length).split(/\s+/u)) {
    if (token === '' && pieces.length === 0) continue;
    const run = /^[A-Za-z0-9_-]*/u.exec(token)![0];
    if (run !== '') pieces.push(run);
    if (run !== token) break;
  }
  if (pieces.length === 0) refuse('nothing follows the card prefix');
  let value: unknown;
  for (let k = 1; k <= pieces.length && value === undefined; k++) value = decodeJson(pieces.slice(0, k).join(''));
  if (value === undefined) refuse('the text after the prefix is damaged or cut short');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse('it holds no card');
  const { v, name, key, ...rest } = value as Record<string, unknown>;
  if (v !== 1) refuse(`it is of an unknown version (${JSON.stringify(v)}); the delegate may need a newer Chancery`);
  if (Object.keys(rest).length > 0) refuse(`it holds unknown fields (${Object.keys(rest).slice(0, 3).join(', ')})`);
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH) refuse(`its name is not a text of 1–${MAX_NAME_LENGTH} characters`);
  if (typeof key !== 'string' || !KEY.test(key)) refuse('its key is not an Ed25519 public key');
  return { v: 1, name, key };
}
