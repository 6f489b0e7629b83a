import { ChanceryError } from '../../../shared/errors';
import { startRelay as startHeadlessRelay, type RelayOptions, type RunningRelay } from '../../headless/relay/relay';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';
import { relayAddresses } from './relay-addresses';

/** Starts a relay (the headless one; replaceable in tests). */
export type StartRelay = (options: RelayOptions) => Promise<RunningRelay>;

/** What the status shows of a relay hosted here. */
export interface HostingInfo {
  port: number;
  addresses: string[];
}

export interface LiveHostingOptions {
  /** Where the relay keeps its files (userData/relay). */
  dataDir: () => string;
  startRelay?: StartRelay;
  /** Interface to listen on: every one, so the other delegations on this network can reach it (tests: loopback). */
  listenHost?: string;
  log?: (line: string) => void;
}

/**
 * "Host on this network": the relay running inside the app. One relay serves every workspace
 * hosted from this app (it keeps each workspace apart, pinned to its convener); it runs while at
 * least one open workspace is hosted on it and is closed, everything stored, when the last one
 * stops or the app quits. Starts and stops are serialised, so two clicks never start two relays.
 */
export class LiveHosting {
  private relay: RunningRelay | null = null;
  private readonly hosted = new Set<WorkspaceSession>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LiveHostingOptions) {}

  /** Whether a relay is running here. */
  get running(): boolean {
    return this.relay !== null;
  }

  /** The hosted relay's port and addresses if `session` is hosted on it, else null. */
  of(session: WorkspaceSession): HostingInfo | null {
    if (!this.relay || !this.hosted.has(session)) return null;
    return { port: this.relay.port, addresses: relayAddresses(this.relay.port) };
  }

  /**
   * Hosts `session` on the relay, starting it on `port` (0: any free port) if none runs. A relay
   * already running on another port is moved when only this workspace uses it; otherwise the
   * request is refused with the port in use.
   */
  host(session: WorkspaceSession, port: number): Promise<RunningRelay> {
    return this.serialised(async () => {
      if (this.relay && port !== 0 && port !== this.relay.port) {
        const others = [...this.hosted].filter((s) => s !== session);
        if (others.length > 0) {
          throw new ChanceryError(
            'INVALID_ARGUMENT',
            `This app already hosts a relay on port ${this.relay.port} for another open negotiation; host on that port too, or stop the other first.`,
          );
        }
        await this.closeRelay();
      }
      if (!this.relay) {
        const start = this.options.startRelay ?? startHeadlessRelay;
        this.relay = await start({
          port,
          host: this.options.listenHost ?? '0.0.0.0',
          dataDir: this.options.dataDir(),
          // The host is a delegate: other delegations' private notes pass through, never onto its disk.
          storePrivateNotes: false,
          log: this.options.log ?? ((line) => console.log(`[relay] ${line}`)),
        });
      }
      this.hosted.add(session);
      return this.relay;
    });
  }

  /** `session` is no longer hosted; the relay closes when nothing is. */
  release(session: WorkspaceSession): Promise<void> {
    return this.serialised(async () => {
      if (!this.hosted.delete(session)) return;
      if (this.hosted.size === 0) await this.closeRelay();
    });
  }

  /** Closes the relay whoever hosts on it (quitting). */
  closeAll(): Promise<void> {
    return this.serialised(async () => {
      this.hosted.clear();
      await this.closeRelay();
    });
  }

  private async closeRelay(): Promise<void> {
    const relay = this.relay;
    this.relay = null;
    await relay?.close();
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }
}
