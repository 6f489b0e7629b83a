import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceArg } from './startup';

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
