import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import { ChanceryError } from '../../../../shared/errors';
import type { HandlerDeps } from './handler-deps';

/** PLACEHOLDER (being built): `live.*`. */
export function liveHandlers(_deps: HandlerDeps): NamespaceHandlers<'live'> {
  const pending = (): never => {
    throw new ChanceryError('INTERNAL', 'not built yet');
  };
  return new Proxy({}, { get: () => pending }) as NamespaceHandlers<'live'>;
}
