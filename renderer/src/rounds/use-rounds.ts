import { useCallback, useEffect, useState } from 'react';
import type { RoundInfo } from '../../../shared/rounds/round-model';
import type { RosterState } from '../../../shared/positions/model';
import type { ChanceryApi } from '../ipc/api';

/** The slice of the API the rounds list needs; tests pass a fake. */
export type RoundsApi = Pick<ChanceryApi, 'rounds' | 'on'>;

export interface RoundsHook {
  /** The workspace's named rounds, oldest first; null until main first answers. */
  rounds: RoundInfo[] | null;
  error: unknown;
  /** Cuts a round now (convener only; main re-checks); resolves to it, or throws main's error. */
  cut: (name: string) => Promise<RoundInfo>;
}

/**
 * A list of rounds is only ever added to (rounds are read-only for ever), so the longer of two
 * answers is the newer one: a cut's answer and the `rounds.changed` event it causes may arrive in
 * either order.
 */
function newer(current: RoundInfo[] | null, next: RoundInfo[]): RoundInfo[] {
  return current && current.length > next.length ? current : next;
}

/**
 * The named rounds of the open workspace, kept current from `rounds.changed` (a round cut here,
 * or one that arrived with a merged copy).
 */
export function useRounds(api: RoundsApi): RoundsHook {
  const [rounds, setRounds] = useState<RoundInfo[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    // Subscribe first, so a round cut while the first answer is in flight is not missed.
    const off = api.on('rounds.changed', (next) => {
      if (live) setRounds((current) => newer(current, next));
    });
    api.rounds.list().then(
      (next) => live && setRounds((current) => newer(current, next)),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const cut = useCallback(
    async (name: string) => {
      const round = await api.rounds.cut(name);
      setRounds((current) => (current && !current.some((r) => r.id === round.id) ? [...current, round] : current));
      return round;
    },
    [api],
  );

  return { rounds, error, cut };
}

/**
 * Whether this installation may cut rounds, and if not, the sentence saying why (shown where the
 * "Cut round" button would be, so nobody wonders where it went). Only the convener holds the pen.
 */
export function cutPermission(state: RosterState | null): { allowed: true } | { allowed: false; why: string } {
  if (!state) return { allowed: false, why: 'Checking who you are in this negotiation…' };
  const convener = state.roster.convener;
  if (convener !== null && state.me?.key === convener) return { allowed: true };
  if (convener === null) {
    return { allowed: false, why: 'Nobody convenes this negotiation yet, so nobody can cut a round in the app. Use “chancery version FILE --name NAME” on the file instead.' };
  }
  return { allowed: false, why: 'Only the convener cuts rounds: ask them to cut one when a round of talks ends. You can open, export and compare the rounds they cut.' };
}

/** A round's time as people read it ("12 March 2025, 14:05"), in this machine's time zone. */
export function roundDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
