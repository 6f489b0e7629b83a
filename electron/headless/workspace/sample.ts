import { sampleWorkspace } from '../../../shared/sample/sample-workspace';
import type { WorkspaceSeed } from './workspace-session';

/** File name of the sample negotiation created on first start and by `chancery new --sample`. */
export const SAMPLE_FILE_NAME = 'Sample negotiation.chancery';

/** The built-in sample as a seed for WorkspaceSession.create. */
export function sampleSeed(): WorkspaceSeed {
  const sample = sampleWorkspace();
  return { title: sample.title, parties: sample.parties, documents: sample.documents };
}
