import { z } from 'zod';
import { ChanceryError } from '../errors';
import type { InvokeContract } from './contract';
import { ID_PATTERN, ID_RULE } from '../workspace/ids';

const docId = z.string().regex(ID_PATTERN, `a document id (${ID_RULE})`);
const title = z.string().trim().min(1, 'a non-empty title').max(200, 'at most 200 characters');
const path = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'no NUL bytes');
const update = z.instanceof(Uint8Array).refine((u) => u.byteLength <= 64 * 1024 * 1024, 'at most 64 MiB');

/**
 * Argument schemas per invoke channel. Main checks every call against these before any handler
 * runs: a compromised or buggy renderer must not be able to reach the store with a malformed
 * value. `satisfies` ties the table to {@link InvokeContract}, so a new channel without a schema
 * does not compile.
 */
export const ARG_SCHEMAS = {
  getStartupState: z.tuple([]),
  createWorkspace: z.tuple([]),
  openWorkspaceDialog: z.tuple([]),
  openWorkspace: z.tuple([path]),
  closeWorkspace: z.tuple([]),
  addDocument: z.tuple([title]),
  renameDocument: z.tuple([docId, title]),
  moveDocument: z.tuple([docId, z.number().int().min(0).max(10_000)]),
  deleteDocument: z.tuple([docId]),
  openDoc: z.tuple([docId]),
  pushUpdate: z.tuple([docId, update]),
  closeDoc: z.tuple([docId]),
  saveTabs: z.tuple([z.strictObject({ open: z.array(docId).max(100), active: docId.nullable() })]),
} satisfies { [K in keyof InvokeContract]: z.ZodType<InvokeContract[K][0]> };

/** Validates raw IPC arguments; throws INVALID_ARGUMENT naming the channel and the bad value. */
export function parseArgs<K extends keyof InvokeContract>(channel: K, raw: unknown[]): InvokeContract[K][0] {
  const result = ARG_SCHEMAS[channel].safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` argument ${issue.path.join('.')}` : '';
    const shown = JSON.stringify(raw, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v));
    throw new ChanceryError(
      'INVALID_ARGUMENT',
      `Invalid call to ${channel}:${where} ${issue?.message ?? 'malformed'} (got ${(shown ?? 'undefined').slice(0, 200)}).`,
    );
  }
  return result.data as InvokeContract[K][0];
}
