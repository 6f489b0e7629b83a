/**
 * Rows 6c/6d's server, in its own process so that its resident memory is its own and the load's
 * clients do not share its event loop: `chancery` runs the Chancery relay (startRelay: auth at the
 * upgrade, frame filter, validation, durable SQLite per workspace), `plain` a Hocuspocus `Server`
 * with no extensions (the baseline). Started by live-fanout.ts with fork (IPC):
 *   argv: <chancery|plain> <dataDir>
 *   → { t: 'ready', port }            once listening on 127.0.0.1
 *   ← { t: 'memory' } → { t: 'memory', rss, heapUsed }   process.memoryUsage(), bytes
 *   ← { t: 'close' }  → { t: 'closed' } then exits
 */
import { Server } from '@hocuspocus/server';
import { startRelay } from '../../electron/headless/relay';

export type ChildRequest = { t: 'memory' } | { t: 'close' };
export type ChildReply = { t: 'ready'; port: number } | { t: 'memory'; rss: number; heapUsed: number } | { t: 'closed' } | { t: 'failed'; message: string };

const send = (reply: ChildReply) => process.send?.(reply);

async function start(kind: string, dataDir: string): Promise<{ port: number; close(): Promise<void> }> {
  if (kind === 'chancery') {
    const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir });
    return { port: relay.port, close: () => relay.close() };
  }
  if (kind === 'plain') {
    const server = new Server({ port: 0, quiet: true, stopOnSignals: false });
    await server.listen();
    return { port: server.address.port, close: async () => void (await server.destroy()) };
  }
  throw new Error(`unknown server kind ${JSON.stringify(kind)}: use chancery or plain`);
}

start(process.argv[2] ?? '', process.argv[3] ?? '').then(
  (running) => {
    process.on('message', (request: ChildRequest) => {
      if (request.t === 'memory') {
        const { rss, heapUsed } = process.memoryUsage();
        send({ t: 'memory', rss, heapUsed });
      } else if (request.t === 'close') {
        void running.close().finally(() => {
          send({ t: 'closed' });
          process.disconnect();
        });
      }
    });
    send({ t: 'ready', port: running.port });
  },
  (err: unknown) => {
    send({ t: 'failed', message: err instanceof Error ? err.message : String(err) });
    process.disconnect();
    process.exitCode = 1;
  },
);
