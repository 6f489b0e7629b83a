import type { BrowserWindowDouble } from './window-double';

export interface SaveDialogReturnValue {
  canceled: boolean;
  filePath: string;
}
export interface OpenDialogReturnValue {
  canceled: boolean;
  filePaths: string[];
}
type DialogOptions = Record<string, unknown>;

/**
 * File dialogs cannot be shown in the harness: by default the user "cancels". Tests replace the
 * methods through evaluateMain, the way Playwright's Electron tests stub dialogs:
 *   app.evaluateMain(({ dialog }, p) => { dialog.showSaveDialog = async () => ({ canceled: false, filePath: p }); }, path)
 * The object is deliberately mutable for that.
 */
export const dialog = {
  showSaveDialog(
    _windowOrOptions?: BrowserWindowDouble | DialogOptions,
    _options?: DialogOptions,
  ): Promise<SaveDialogReturnValue> {
    return Promise.resolve({ canceled: true, filePath: '' });
  },
  showOpenDialog(
    _windowOrOptions?: BrowserWindowDouble | DialogOptions,
    _options?: DialogOptions,
  ): Promise<OpenDialogReturnValue> {
    return Promise.resolve({ canceled: true, filePaths: [] });
  },
  showErrorBox(title: string, content: string): void {
    console.error(`[dialog.showErrorBox] ${title}\n${content}`);
  },
};
