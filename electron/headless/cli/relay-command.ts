import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { startRelay } from '../relay/relay';

/**
 * `chancery relay --port N --data DIR [--host H] [--redis URL]`: runs a relay in the foreground
 * until SIGINT or SIGTERM, logging one line per connection, refusal and document opened or
 * closed. Stopping closes every connection and stores everything, then exits 0. A relay that
 * cannot start (port taken, folder not writable, Redis unreachable) is one error line, exit 1.
 */

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/u.test(value) || port > 65535) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a port number (0–65535; 0 picks a free one).`);
  return port;
}

function stamp(): string {
  return new Date().toISOString().replace('T', ' ').slice(0, 19);
}

/** Resolves on the first SIGINT or SIGTERM (a second one then ends the process as usual). */
function stopRequested(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function addRelayCommand(cmd: Command, out: (s: string) => void): void {
  cmd
    .command('relay')
    .description('run a relay for live co-editing: delegations connect to it with their invitations (stop with Ctrl-C)')
    .requiredOption('--port <n>', 'port to listen on (0 picks a free one)', parsePort)
    .requiredOption('--data <dir>', "folder for the relay's copy of each workspace (created if missing)")
    .option('--host <host>', 'network interface to listen on', '0.0.0.0')
    .option('--redis <url>', 'share documents with other relays through Redis, e.g. redis://127.0.0.1:6379')
    .action(async (opts: { port: number; data: string; host: string; redis?: string }) => {
      const dataDir = resolve(opts.data);
      const relay = await startRelay({
        port: opts.port,
        host: opts.host,
        dataDir,
        ...(opts.redis !== undefined ? { redis: opts.redis } : {}),
        log: (line) => out(`${stamp()} ${line}\n`),
      });
      const stopped = stopRequested();
      out(`Relay listening on ${relay.url} (data in ${dataDir})${opts.redis ? `, sharing through Redis at ${opts.redis}` : ''}\n`);
      out(`Delegations can connect to:\n${relay.addresses.map((a) => `  ${a}\n`).join('')}`);
      const signal = await stopped;
      out(`${stamp()} ${signal}: stopping\n`);
      await relay.close();
      out('Relay stopped; everything stored.\n');
    });
}
