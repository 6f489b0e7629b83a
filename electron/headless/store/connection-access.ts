import type Database from 'better-sqlite3';

/**
 * The SQLite connection behind each store, reachable only by importing this module. The store keeps
 * its connection in a private field so nothing in the app can bypass its checks; tests that must
 * provoke SQLite conditions (a full disk via max_page_count) reach it through test-hooks.ts.
 */
const connections = new WeakMap<object, Database.Database>();

export function registerConnection(store: object, db: Database.Database): void {
  connections.set(store, db);
}

export function connectionOf(store: object): Database.Database | undefined {
  return connections.get(store);
}
