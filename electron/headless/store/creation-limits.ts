/**
 * A cap on how large a workspace file may grow while it is being created, for tests only: with it
 * a test makes SQLite report a full disk (SQLITE_FULL, exactly as a real full disk would) at any
 * point of creation and checks that no half-written workspace ever appears under the real name.
 * Set through `limitCreationPagesForTesting` in test-hooks.ts; unset in the app.
 */
let pageLimit: number | undefined;

export function creationPageLimit(): number | undefined {
  return pageLimit;
}

export function setCreationPageLimit(pages: number | undefined): void {
  pageLimit = pages;
}
