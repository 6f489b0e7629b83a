/**
 * A delegation's private note on a clause. Notes live in the party's private document
 * (`<workspaceId>/private/<PARTY>` on the relay, `private_<PARTY>` in the workspace file), which
 * only that party's members ever receive: nothing of a note (text, author, count) reaches another
 * delegation, an observer, the convener, or an export.
 */
export interface DelegationNote {
  id: string;
  docId: string;
  clauseId: string;
  text: string;
  /** Display name and public key of the member who wrote it (or last edited it). */
  author: string;
  authorKey: string;
  /** ISO 8601 UTC with milliseconds, when it was written or last edited. */
  at: string;
}
