import { newClauseId } from '../schema/clause-ids';

/**
 * Id for a new framework document: short, URL- and file-safe, and unique in this workspace.
 * Random, because two delegations may add documents offline at the same time.
 */
export function newDocumentId(existing: readonly string[]): string {
  const { crypto } = globalThis as unknown as { crypto: { randomUUID(): string } };
  for (;;) {
    const id = `doc-${crypto.randomUUID().slice(0, 8)}`;
    if (!existing.includes(id)) return id;
  }
}

/**
 * What a new document starts with: its title as a heading and one empty operative paragraph, so
 * the drafter can type at once and numbering starts at 1.
 */
export function newDocumentContent(title: string): unknown {
  return {
    type: 'doc',
    content: [
      { type: 'paragraph', attrs: { level: 1 }, content: [{ type: 'text', text: title }] },
      { type: 'clause', attrs: { id: newClauseId(), label: null }, content: [{ type: 'paragraph' }] },
    ],
  };
}
