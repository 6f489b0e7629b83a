import type { RosterParty } from '../../../../shared/positions/model';
import { ID_PATTERN, ID_RULE } from '../../../../shared/workspace/ids';

/**
 * The "Party" dialog's rules, checked before anything is signed, so a typo is explained at once
 * rather than by main's refusal (main checks the same again).
 */

/** Distinct colours for new parties, readable on paper and as gutter markers. */
const PALETTE = ['#1f5fa8', '#b0352b', '#2d7a4a', '#7a4aa8', '#c07a12', '#137a86', '#8a5a3b', '#a83a78'];

/** The first palette colour no party uses yet (the first one again once all are taken). */
export function suggestColour(parties: readonly RosterParty[]): string {
  const used = new Set(parties.map((p) => p.colour.toLowerCase()));
  return PALETTE.find((c) => !used.has(c)) ?? PALETTE[0]!;
}

const COLOUR = /^#[0-9a-f]{6}$/iu;

/** The colour as `<input type=color>` and main want it (`#rrggbb`, lower case), or null if it is not one. */
export function normaliseColour(text: string): string | null {
  const trimmed = text.trim();
  return COLOUR.test(trimmed) ? trimmed.toLowerCase() : null;
}

/**
 * What is wrong with the form, in a sentence saying what to do; null when it can be saved.
 * `editing` is the party being changed (its code cannot change), null for a new party.
 */
export function partyFormProblem(form: RosterParty, parties: readonly RosterParty[], editing: RosterParty | null): string | null {
  const code = form.code.trim();
  if (!ID_PATTERN.test(code)) return `“${code}” cannot be a party code: use ${ID_RULE}, e.g. “EU” or “UA”.`;
  if (!editing && parties.some((p) => p.code === code)) return `There is already a party ${code}. Edit it instead, or choose another code.`;
  if (form.name.trim() === '') return 'Give the party a name, e.g. “European Union”.';
  if (form.name.trim().length > 200) return 'The party name is too long: use at most 200 characters.';
  if (normaliseColour(form.colour) === null) return `“${form.colour}” is not a colour: write it as #rrggbb (e.g. #1f5fa8) or pick one.`;
  return null;
}
