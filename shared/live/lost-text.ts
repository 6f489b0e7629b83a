/**
 * Text this machine typed that another copy's edit deleted without having seen it. Under Yjs'
 * rules a block deleted by one delegation takes with it what another typed into it at the same
 * time; the hub keeps that text so the user can see where it went and put it back, instead of it
 * vanishing silently.
 */
export interface LostText {
  id: string;
  docId: string;
  /** The clause the text was in, when it was in one. */
  clauseId: string | null;
  /** How the user knows the place: "paragraph 5 (b)", "the preamble", … */
  place: string;
  /** The text as typed here (its paragraphs joined by newlines). */
  text: string;
  /** Who deleted it: a party code ("VEL") when known, otherwise "a merged copy" or "another delegation". */
  by: string;
  /** When the deletion arrived here (ISO 8601 UTC). */
  at: string;
}
