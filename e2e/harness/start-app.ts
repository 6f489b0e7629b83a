/**
 * `npm start`: the real Electron app when its binary exists; otherwise the Chromium harness with a
 * visible window when there is a display; otherwise an explanation. Arguments are passed on to
 * main (e.g. a workspace path). Run as `node --import tsx e2e/harness/start-app.ts [file]`.
 */
import { spawn } from 'node:child_process';
import { DOUBLE_ENV } from './electron-double/protocol';
import { assertBuilt, DOUBLE_REGISTER, electronBinary, MAIN_SCRIPT, ROOT } from './paths';

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  // Ctrl-C reaches the whole process group; the app quits gracefully on it, so just wait.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  child.on('error', (err) => {
    console.error(`Could not start ${command}: ${err.message}`);
    process.exitCode = 1;
  });
}

function main(): void {
  try {
    assertBuilt();
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
    return;
  }
  const args = process.argv.slice(2);
  const binary = electronBinary();
  if (binary) {
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    run(binary, [...(asRoot ? ['--no-sandbox'] : []), MAIN_SCRIPT, ...args], process.env);
    return;
  }
  if (process.env.DISPLAY) {
    console.error(
      'The Electron binary is not installed on this machine (it cannot be downloaded here).\n' +
        "Starting Chancery in the Chromium harness instead: the same main process, preload and renderer, with Debian's Chromium as the window.",
    );
    run(process.execPath, ['--import', 'tsx', '--require', DOUBLE_REGISTER, MAIN_SCRIPT, ...args], {
      ...process.env,
      [DOUBLE_ENV.headed]: '1',
    });
    return;
  }
  console.error(
    [
      'Chancery cannot start here: the Electron binary is not installed on this machine',
      '(node_modules/electron has no downloaded binary, and it cannot be downloaded here).',
      '',
      'You can still use the app through the Chromium harness (the same main process, preload and',
      "renderer, with Debian's Chromium as the window), but it needs a display. Either run it from a",
      'desktop session (with $DISPLAY set), or under a virtual X server:',
      '',
      '    apt-get install xvfb        # once, if xvfb-run is missing',
      '    xvfb-run -a npm start [workspace.chancery]',
      '',
      'The end-to-end tests need neither: npm run test:e2e runs the harness headless.',
    ].join('\n'),
  );
  process.exitCode = 1;
}

main();
