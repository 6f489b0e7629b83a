/**
 * Child-process fixture: runs the `chancery` CLI as the built bin would, with the arguments it is
 * given (the relay tests run `relay --port 0 …` and kill it with SIGKILL or SIGTERM). Run:
 *   node --require tsx/cjs relay-cli.fixture.ts relay --port 0 --host 127.0.0.1 --data <dir>
 */
import { runCli } from '../cli/cli';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
