import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { makeSenderCheck } from './sender-check';

const ours = new Map([[11, 11]]);
const check = makeSenderCheck((id) => ours.get(id));
const event = (senderId: number, url: string | undefined, parent: unknown = null) =>
  ({ sender: { id: senderId }, senderFrame: url === undefined ? null : { url, parent } }) as unknown as IpcMainInvokeEvent;

describe('IPC sender check', () => {
  it('accepts the top frame of a Chancery window showing the app', () => {
    expect(check(event(11, 'app://chancery/index.html'))).toBe(11);
  });

  it.each([
    ['a foreign page in our window', event(11, 'https://example.org/')],
    ['a file:// page', event(11, 'file:///etc/passwd')],
    ['an iframe inside the app', event(11, 'app://chancery/index.html', { url: 'app://chancery/index.html' })],
    ['a webContents that is not one of our windows', event(99, 'app://chancery/index.html')],
    ['a destroyed frame', event(11, undefined)],
  ])('refuses %s with UNTRUSTED_SENDER', (_what, e) => {
    expect(() => check(e)).toThrow(expect.objectContaining({ code: 'UNTRUSTED_SENDER' }));
  });
});
