/**
 * The agreement figures `chancery info FILE --json` prints (issue 6), typed for the specs that
 * compare them with what the window showed.
 */
import { chancery } from './ui';
import type { AgreementFigures, PartyCounts } from '../../shared/positions/model';

export type { AgreementFigures };

/** What the specs read of `chancery info --json`. */
export interface AgreementInfo {
  agreement: AgreementFigures;
  documents: { id: string; title: string; clauses: number; words: number; agreement: AgreementFigures; parties: Record<string, PartyCounts> }[];
}

/** Runs `chancery info --json FILE` (the file must be closed) and returns its figures. */
export function agreementInfo(file: string): AgreementInfo {
  return JSON.parse(chancery('info', '--json', file)) as AgreementInfo;
}
