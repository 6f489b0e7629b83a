import { describe, expect, it } from 'vitest';
import { isPrivateDocId, localDocId, parseRelayDocName, privateDocId, relayDocName } from './relay-names';

describe('relay document names', () => {
  it('round-trips the manifest, a framework document and a party’s private document', () => {
    expect(relayDocName('ws-1', 'manifest')).toBe('ws-1/manifest');
    expect(relayDocName('ws-1', 'framework')).toBe('ws-1/framework');
    expect(relayDocName('ws-1', privateDocId('VEL'))).toBe('ws-1/private/VEL');
    expect(parseRelayDocName('ws-1/manifest')).toEqual({ workspaceId: 'ws-1', kind: 'manifest' });
    expect(parseRelayDocName('ws-1/framework')).toEqual({ workspaceId: 'ws-1', kind: 'document', docId: 'framework' });
    expect(parseRelayDocName('ws-1/private/VEL')).toEqual({ workspaceId: 'ws-1', kind: 'private', party: 'VEL' });
    for (const docId of ['manifest', 'framework', 'annex-2', 'private_VEL', 'private']) {
      expect(localDocId(parseRelayDocName(relayDocName('ws-1', docId)))).toBe(docId);
    }
  });

  it('tells private document ids apart', () => {
    expect(privateDocId('ARC')).toBe('private_ARC');
    expect(isPrivateDocId('private_ARC')).toBe('ARC');
    expect(isPrivateDocId('framework')).toBeNull();
    expect(isPrivateDocId('manifest')).toBeNull();
    expect(isPrivateDocId('private_')).toBeNull();
    expect(() => privateDocId('A B')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('refuses every other spelling, so no crafted name reaches another workspace or party', () => {
    for (const name of ['', 'ws-1', 'ws-1/', '/framework', 'ws-1//x', 'x'.repeat(400)]) {
      expect(() => parseRelayDocName(name), name).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
    for (const name of ['ws-1/private_VEL', 'ws-1/private/VEL/x', 'ws-1/private/', 'ws-1/../ws-2', 'ws 1/framework', 'ws-1/a.b', 'ws-1/secret/VEL', 'ws-1/manifest/x']) {
      expect(() => parseRelayDocName(name), name).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
    expect(() => parseRelayDocName('ws-1/../ws-2')).toThrow(/not a Chancery relay document name/u);
    expect(() => relayDocName('ws/1', 'framework')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => relayDocName('ws-1', 'a/b')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => relayDocName('ws-1', 'private_A/B')).toThrow(/names no party code/u);
  });
});
