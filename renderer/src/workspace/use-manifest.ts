import { useEffect, useState } from 'react';
import { MANIFEST_DOC_ID, readManifest, type ManifestView } from '../../../shared/workspace/manifest';
import { IpcProvider, type ProviderApi } from '../sync/ipc-provider';

export interface ManifestState {
  manifest: ManifestView | null;
  error: unknown;
}

/**
 * The workspace manifest (title, parties, documents in order) as a live, read-only replica.
 * The renderer never edits it: adding, renaming, moving and deleting documents are requests to
 * main (the single writer), whose result comes back here as a manifest update.
 */
export function useManifest(api: ProviderApi): ManifestState {
  const [state, setState] = useState<ManifestState>({ manifest: null, error: null });

  useEffect(() => {
    let live = true;
    let provider: IpcProvider | null = null;
    const refresh = () => {
      if (live && provider) setState({ manifest: readManifest(provider.doc), error: null });
    };
    IpcProvider.open(api, MANIFEST_DOC_ID).then(
      (opened) => {
        if (!live) {
          void opened.destroy();
          return;
        }
        provider = opened;
        opened.doc.on('update', refresh);
        refresh();
      },
      (error: unknown) => {
        if (live) setState({ manifest: null, error });
      },
    );
    return () => {
      live = false;
      if (provider) {
        provider.doc.off('update', refresh);
        void provider.destroy();
      }
    };
  }, [api]);

  return state;
}
