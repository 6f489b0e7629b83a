import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, signerFromPrivateKey } from '../headless/crypto/node-ed25519';
import { WorkspaceRegistry } from '../headless/workspace/workspace-registry';
import { chooseStartupWorkspace, workspaceArg } from './startup';
import { RecentWorkspaces } from './workspace/recent-workspaces';

const entries = ['/app/out/main/index.js', '/app/out/main', '/app', '.'];

describe('workspaceArg', () => {
  it('finds the file after the switches and the app entry, whatever their order', () => {
    expect(workspaceArg(['electron', '/app/out/main/index.js', 'w.chancery'], entries)).toBe('w.chancery');
    expect(workspaceArg(['electron', '--inspect=0', '--remote-debugging-port=0', '/app/out/main/index.js', '/tmp/w.chancery'], entries)).toBe('/tmp/w.chancery');
    expect(workspaceArg(['Chancery', '/Users/d/Berlin round.chancery'], entries)).toBe('/Users/d/Berlin round.chancery');
    expect(workspaceArg(['electron', '.', 'w.chancery'], [...entries, resolve('.')])).toBe('w.chancery');
  });

  it('finds nothing when only the app was launched', () => {
    expect(workspaceArg(['electron', '/app/out/main/index.js'], entries)).toBeUndefined();
    expect(workspaceArg(['electron', '--no-sandbox', '/app'], entries)).toBeUndefined();
    expect(workspaceArg(['Chancery'], entries)).toBeUndefined();
  });
});

describe('chooseStartupWorkspace', () => {
  it('on first start creates the sample convened by this installation, its user heading the first delegation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chancery-startup-'));
    const registry = new WorkspaceRegistry({ docUpdate: () => {} });
    try {
      const signer = signerFromPrivateKey(generateKeyPair().privateKey);
      const choice = chooseStartupWorkspace({
        argPath: undefined,
        registry,
        recent: new RecentWorkspaces(join(dir, 'recent.json')),
        samplePath: join(dir, 'Sample negotiation.chancery'),
        convener: () => ({ signer, name: 'Ilse Varga' }),
      });
      if (!('session' in choice)) throw new Error(`no session: ${JSON.stringify(choice.error)}`);
      const roster = choice.session.positions.roster();
      expect(roster.convener).toBe(signer.publicKey);
      const firstParty = roster.parties[0]!.code;
      expect(roster.members).toContainEqual(expect.objectContaining({ key: signer.publicKey, role: 'head', party: firstParty, removedAt: null }));
    } finally {
      registry.closeAll();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
