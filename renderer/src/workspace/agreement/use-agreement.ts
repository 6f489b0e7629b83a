import { useEffect, useState } from 'react';
import type { PackageAgreement } from '../../../../shared/positions/model';
import type { ChanceryApi } from '../../ipc/api';

/** The slice of the API the meter needs; tests pass a fake. */
export type AgreementApi = Pick<ChanceryApi, 'positions' | 'on'>;

export interface AgreementHook {
  /** The package and per-document figures; null until main first answers. */
  agreement: PackageAgreement | null;
  error: unknown;
}

/**
 * The agreement figures of the open workspace, as main counts them (incrementally, beside the
 * signatures it verifies) and pushes with `positions.agreementChanged`. The window never recounts.
 */
export function useAgreement(api: AgreementApi): AgreementHook {
  const [state, setState] = useState<AgreementHook>({ agreement: null, error: null });

  useEffect(() => {
    let live = true;
    // Subscribe first; once an event has arrived, the first answer may be older and is dropped.
    let pushed = false;
    const off = api.on('positions.agreementChanged', (agreement) => {
      pushed = true;
      if (live) setState({ agreement, error: null });
    });
    api.positions.agreement().then(
      (agreement) => live && !pushed && setState({ agreement, error: null }),
      (error: unknown) => live && !pushed && setState({ agreement: null, error }),
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  return state;
}
