import type { Node as PMNode } from 'prosemirror-model';

/**
 * Traceable text for the convergence test. Every run of text in its documents is a token such as
 * `{b17}` (peer b's 17th insertion) or `{s4}` (the 4th of the starting text): unique, inserted in
 * one piece, and never cut, because every position the random user picks lies between tokens.
 * So a token is either visible, whole, somewhere in a document, or lost.
 *
 * The braces are private-use characters unique to each token (the n-th token opens with U+E000+n
 * and closes with U+E800+n). y-prosemirror writes text by a character diff of the old and new
 * string; with a shared "{" the diff would write `b5}{` instead of `{b5}` (shifting the insert by
 * the common character), and two peers typing at the same gap would then interleave across token
 * boundaries. With unique delimiters the diff writes exactly the typed token.
 */

export const TOKEN = /[\uE000-\uE7FF][a-z]\d+[\uE800-\uEFFF]/gu;

/** The n-th token of a seed (n < 2048), named e.g. "b17". */
export function makeToken(n: number, name: string): string {
  if (n >= 0x800) throw new Error('too many tokens for the private-use delimiters');
  return `${String.fromCharCode(0xe000 + n)}${name}${String.fromCharCode(0xe800 + n)}`;
}

/** "{b17}" for messages. */
export function showToken(token: string): string {
  return `{${token.slice(1, -1)}}`;
}

const isClose = (ch: string) => ch >= '\uE800' && ch <= '\uEFFF';

/** Every token visible in a ProseMirror document, with how often it appears (copies). */
export function visibleTokens(doc: PMNode): Map<string, number> {
  const out = new Map<string, number>();
  doc.descendants((node) => {
    if (!node.isTextblock) return true;
    for (const match of node.textContent.matchAll(TOKEN)) out.set(match[0], (out.get(match[0]) ?? 0) + 1);
    return false;
  });
  return out;
}

/** The tokens in a string. */
export function tokensIn(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((m) => m[0]);
}

/** A textblock of a document: where it starts (inside it) and its text. */
export interface TextblockAt {
  /** Position of the textblock's content start. */
  start: number;
  node: PMNode;
  /** Depth of the textblock (1 = top level). */
  depth: number;
}

export function textblocks(doc: PMNode): TextblockAt[] {
  const out: TextblockAt[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    out.push({ start: pos + 1, node, depth: doc.resolve(pos + 1).depth });
    return false;
  });
  return out;
}

/**
 * Positions between tokens in one textblock: its start, after each token, its end. Text in these
 * documents is made only of tokens, so the offsets are where a closing delimiter ends, or 0.
 */
export function gapsIn(block: TextblockAt): number[] {
  const text = block.node.textContent;
  const gaps = [0];
  for (let i = 0; i < text.length; i++) if (isClose(text[i]!)) gaps.push(i + 1);
  if (gaps[gaps.length - 1] !== text.length) gaps.push(text.length); // unreachable with token-only text
  return gaps.map((offset) => block.start + offset);
}

/** Every between-token position of the document, in order. */
export function allGaps(doc: PMNode): number[] {
  return textblocks(doc).flatMap(gapsIn);
}
