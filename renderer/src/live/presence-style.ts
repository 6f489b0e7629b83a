/**
 * How remote cursors and selections look, built within the CSP: it forbids style attributes, and
 * y-prosemirror's default builders set them. So cursors are made with createElement and coloured
 * through the CSSOM (`style.setProperty`, which the CSP allows), and selections get a class per
 * party whose rule lives in a constructed stylesheet adopted by the document.
 *
 * Everything here comes from another machine's awareness state, so nothing is trusted: a colour
 * that is not `#rrggbb` becomes neutral grey, a party code that is not a plain code shares one
 * class, and names are text nodes.
 */

/** Grey for observers, the convener and anything whose colour cannot be used. */
export const NEUTRAL_COLOUR = '#6e7781';

const COLOUR = /^#[0-9a-f]{6}$/iu;
const PARTY = /^[A-Za-z0-9_-]{1,40}$/u;

/** The part of an awareness state presence reads: main sets it from the roster. */
export interface PresenceUser {
  name: string;
  party: string | null;
  colour: string;
}

/** Reads the user of a remote awareness state (`user` field; `color` is y-prosemirror's spelling). */
export function presenceUser(raw: unknown): PresenceUser {
  const user = (raw ?? {}) as Record<string, unknown>;
  const name = typeof user.name === 'string' && user.name.trim() ? user.name.trim().slice(0, 200) : 'Someone';
  const party = typeof user.party === 'string' && PARTY.test(user.party) ? user.party : null;
  const given = typeof user.colour === 'string' ? user.colour : user.color;
  const colour = typeof given === 'string' && COLOUR.test(given) ? given.toLowerCase() : NEUTRAL_COLOUR;
  return { name, party, colour };
}

/** The selection class of a party (`presence-sel-<PARTY>`), or of those without one. */
export function selectionClass(party: string | null): string {
  return party ? `presence-sel-${party}` : 'presence-sel-none';
}

let sheet: CSSStyleSheet | null = null;
/** Class → the colour its rule has now. */
const rules = new Map<string, string>();

function presenceSheet(): CSSStyleSheet | null {
  if (sheet) return sheet;
  if (typeof CSSStyleSheet === 'undefined' || typeof document === 'undefined' || !('adoptedStyleSheets' in document)) return null;
  try {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    sheet = null; // an engine without constructed stylesheets: selections then show unshaded
  }
  return sheet;
}

/** Makes sure `cls` shades selections in `colour` (a validated `#rrggbb`); a party's new colour replaces its rule. */
export function ensureSelectionRule(cls: string, colour: string): void {
  if (rules.get(cls) === colour) return;
  const target = presenceSheet();
  if (!target) return;
  const selector = `.${CSS.escape(cls)}`;
  for (let i = target.cssRules.length - 1; i >= 0; i--) {
    if ((target.cssRules[i] as CSSStyleRule).selectorText === selector) target.deleteRule(i);
  }
  // 30 % opacity: the text under a selection stays readable.
  target.insertRule(`${selector} { background-color: ${colour}4d; }`, target.cssRules.length);
  rules.set(cls, colour);
}

/** A remote cursor: a coloured caret with the person's name (and party) above it. */
export function buildCursor(raw: unknown): HTMLElement {
  const user = presenceUser(raw);
  const cursor = document.createElement('span');
  cursor.className = 'presence-cursor';
  cursor.dataset.testid = 'presence-cursor';
  cursor.dataset.party = user.party ?? '';
  cursor.style.setProperty('border-color', user.colour);
  const label = document.createElement('span');
  label.className = 'presence-cursor-label';
  label.style.setProperty('background-color', user.colour);
  label.textContent = user.party ? `${user.name} (${user.party})` : user.name;
  // Word joiners keep the caret from breaking the line it sits in (as y-prosemirror's own does).
  cursor.append(document.createTextNode('\u2060'), label, document.createTextNode('\u2060'));
  return cursor;
}

/** A remote selection's decoration attributes: classes only, never a style attribute. */
export function buildSelection(raw: unknown): { class: string } {
  const user = presenceUser(raw);
  const cls = selectionClass(user.party);
  ensureSelectionRule(cls, user.colour);
  return { class: `presence-sel ${cls}` };
}
