import { ChanceryError } from '../../../shared/errors';
import type { ResolvedRoster } from '../../../shared/positions/roster';

/** Said the same way wherever a key without a delegation asks for notes (IPC, service, CLI). */
export const NOT_A_DELEGATE = 'Only members of a delegation keep private notes';

/**
 * The party whose private notes `key` may read and write: the one it is head or member of now
 * (not removed). Observers, a convener who sits in no party, keys never admitted (or no key at all:
 * the identity cannot be used) get NOT_AUTHORISED — they never see any delegation's notes.
 */
export function delegationOf(roster: ResolvedRoster, key: string | null): string {
  const member = key === null ? null : roster.member(key);
  if (member === null) throw new ChanceryError('NOT_AUTHORISED', `${NOT_A_DELEGATE}; this installation’s key is not admitted to this workspace.`);
  if (member.role === 'observer') throw new ChanceryError('NOT_AUTHORISED', `${NOT_A_DELEGATE}; ${member.name} is an observer.`);
  if (member.party === null || (member.role !== 'head' && member.role !== 'member')) {
    throw new ChanceryError('NOT_AUTHORISED', `${NOT_A_DELEGATE}; ${member.name} is the convener and sits in no delegation.`);
  }
  return member.party;
}
