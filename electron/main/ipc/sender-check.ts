import type { IpcMainInvokeEvent } from 'electron';
import { ChanceryError } from '../../../shared/errors';
import { isAppUrl } from '../security/policy';

/**
 * Resolves the calling window, or refuses: the call must come from the top frame of one of our
 * windows showing the app bundle. A frame that navigated elsewhere, an iframe or a stray
 * webContents gets UNTRUSTED_SENDER and reaches no handler.
 */
export type SenderCheck = (event: IpcMainInvokeEvent) => number;

export function makeSenderCheck(isOurWindow: (webContentsId: number) => number | undefined): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    const url = frame?.url;
    if (!frame || frame.parent || !isAppUrl(url)) {
      throw new ChanceryError('UNTRUSTED_SENDER', `IPC refused: sender frame ${JSON.stringify(url ?? null)} is not the Chancery app.`);
    }
    const windowId = isOurWindow(event.sender.id);
    if (windowId === undefined) {
      throw new ChanceryError('UNTRUSTED_SENDER', `IPC refused: webContents ${event.sender.id} is not a Chancery window.`);
    }
    return windowId;
  };
}
