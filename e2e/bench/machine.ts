/** What the figures were measured on. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { ROOT } from '../harness/paths';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  commit: string;
  date: string;
}

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function describeMachine(): Machine {
  const commit = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain') !== '';
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    commit: commit ? `${commit}${dirty ? ' (with uncommitted changes)' : ''}` : 'unknown',
    date: new Date().toISOString(),
  };
}

/** The 1-minute load average: these machines are shared, and two cores are easily saturated. */
export function loadAverage(): string {
  return loadavg()[0]!.toFixed(2);
}
