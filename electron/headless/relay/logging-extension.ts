import type { Extension, connectedPayload, onDisconnectPayload } from '@hocuspocus/server';
import type { RelayAccess } from '../../../shared/live/relay-access';
import { socketOf, type RelayContext } from './relay-context';

/**
 * One log line per document opened and closed, naming the member by name, key fingerprint prefix,
 * role and party (never the whole key, never any content). Connections and refusals at the
 * upgrade are logged by the upgrade handler, refused documents by the auth extension, refused
 * edits by the validation extension: together one line per event an operator wants to see.
 */
export class LoggingExtension implements Extension {
  readonly extensionName = 'chancery-logging';
  readonly priority = 100;

  constructor(private readonly relay: RelayContext) {}

  async connected(data: connectedPayload): Promise<void> {
    const access = (data.context as { access?: RelayAccess }).access ?? socketOf(data.context).access;
    this.relay.log(`opened ${data.documentName} for ${this.relay.who(access)}${data.connectionConfig.readOnly ? ' (read only)' : ''}`);
  }

  async onDisconnect(data: onDisconnectPayload): Promise<void> {
    this.relay.log(`closed ${data.documentName} for ${this.relay.who(socketOf(data.context).access)}`);
  }
}
