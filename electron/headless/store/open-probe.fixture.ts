/**
 * Child-process fixture for the lock tests: opens a workspace in a separate process, as a second
 * Chancery window or the CLI would. Run: node --require tsx/cjs open-probe.fixture.ts <mode> <path>
 *
 * - `open` / `read-only`: try once, print one JSON line (ProbeResult), close, exit.
 * - `hold-open` / `hold-read-only`: open, print `held`, keep it open until stdin closes, then close
 *   and print `released` (or a JSON error line if opening failed).
 */
import { isChanceryError } from '../../../shared/errors';
import { WorkspaceStore } from './workspace-store';

const [mode = '', path = ''] = process.argv.slice(2);
if (!['open', 'read-only', 'hold-open', 'hold-read-only'].includes(mode) || !path) {
  process.stderr.write('usage: open-probe.fixture.ts <open|read-only|hold-open|hold-read-only> <path>\n');
  process.exit(2);
}

function openStore(): WorkspaceStore {
  return mode.endsWith('read-only') ? WorkspaceStore.openReadOnly(path) : WorkspaceStore.open(path);
}

let store: WorkspaceStore;
try {
  store = openStore();
} catch (err) {
  if (!isChanceryError(err)) throw err;
  process.stdout.write(`${JSON.stringify({ ok: false, code: err.code, message: err.message })}\n`);
  process.exit(0);
}

if (mode.startsWith('hold-')) {
  process.stdout.write('held\n');
  process.stdin.resume();
  process.stdin.on('end', () => {
    store.close();
    process.stdout.write('released\n');
    process.exit(0);
  });
} else {
  const workspaceId = store.meta.workspaceId;
  store.close();
  process.stdout.write(`${JSON.stringify({ ok: true, workspaceId })}\n`);
}
