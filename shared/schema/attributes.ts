/**
 * The value rules of the schema's attributes, as plain predicates: the schema's `validate` hooks
 * use them, and so do parse rules and the legacy-content mapping, so that pasted HTML or an old
 * file is cleaned with the very rule the hub will check it against.
 */

/** Highest heading level a paragraph can have (level 0 is body text). */
export const HEADING_LEVELS = 3;

/** A paragraph's style: 0 for body text, 1–3 for a heading of that level. */
export function isHeadingLevel(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= HEADING_LEVELS;
}

/** Longest stored clause label: "12 bis", "5 ter (a)" — a reference, never prose. */
export const MAX_CLAUSE_LABEL = 24;

/**
 * A stored clause label such as "5 bis": non-empty, short, one line, no surrounding spaces (an
 * empty label would silently restart the running number; a long one is text in the wrong place).
 */
export function isClauseLabel(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_CLAUSE_LABEL &&
    value === value.trim() &&
    !/[\n\r\t]/u.test(value)
  );
}

/** The kinds of list: switching between them is an attribute change (see the schema). */
export const LIST_KINDS = ['bullet', 'ordered'] as const;

/** One of {@link LIST_KINDS}. */
export type ListKind = (typeof LIST_KINDS)[number];

/** Whether `value` is a {@link ListKind}. */
export function isListKind(value: unknown): value is ListKind {
  return (LIST_KINDS as readonly unknown[]).includes(value);
}

/** Largest start number of a numbered list; sub-items of a treaty article never get near it. */
export const MAX_LIST_ORDER = 9999;

/** A numbered list's start number: an integer from 1 to {@link MAX_LIST_ORDER}. */
export function isListOrder(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_LIST_ORDER;
}
