/**
 * The one rule for the ids Chancery stores and sends: document ids (relay names
 * `<workspaceId>/<docId>`, IPC arguments, store keys), workspace ids and party codes. Short, URL-
 * and file-safe, so an id can travel in a document name or a file name without escaping. Defined
 * once so IPC validation, the store and the manifest checks cannot drift apart. (Clause ids have
 * a closed format of their own: `CLAUSE_ID_PATTERN` in shared/schema/clause-ids.ts.)
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/u;

/** What {@link ID_PATTERN} allows, in words, for error messages. */
export const ID_RULE = '1–64 letters, digits, "-" or "_"';

/** True for a value that may be used as a document or clause id. */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
