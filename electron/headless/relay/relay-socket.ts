import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';
import type * as Y from 'yjs';
import { isChanceryError } from '../../../shared/errors';
import type { RelayDoc } from '../../../shared/live/relay-names';
import type { RelayAccess } from '../../../shared/live/relay-access';
import type { RelayToken } from '../../../shared/live/relay-token';
import { refusalReasonOf, type RefusalReason } from '../../../shared/live/relay-refusal';
import { CLOSE_MALFORMED, CLOSE_TOO_BIG, fitCloseReason, refusalClose } from './close-codes';
import { judgeDocument, permissionDenied } from './doc-admission';
import { decodeFrame, readAuthAnswer, type Frame } from './frame-decode';
import { awarenessAsSignedIn, readOnlyVerdict, type SignedInUser } from './observer-frames';

/**
 * One authenticated client socket, as Hocuspocus sees it. Hocuspocus is handed this object
 * instead of the `ws` socket, so every frame passes the relay's filter first:
 *
 * - a frame that cannot be read whole, or of a type clients do not send → close 4400;
 * - a document name that is not one of this workspace's → 4400;
 * - a document this member may not open (another party's private notes), judged by the CURRENT
 *   roster (a key admitted a moment ago gets its party's document) → refused for that document
 *   only: its authentication is answered with PermissionDenied "no access to this document", its
 *   other frames are dropped, and Hocuspocus never loads or sends anything of it. The socket and
 *   every other document stay open; once the roster admits the key, a new authentication of that
 *   document on the same socket is judged afresh;
 * - a second authentication of a document on the same socket (Hocuspocus would ignore it and the
 *   client would wait forever) → 4400;
 * - at most 32 frames and 1 MiB per document before its authentication is answered, and at most
 *   64 documents per socket (Hocuspocus queues those frames without a bound) → 4400;
 * - for read-only access (observers): their edits (sync updates, and sync step 2 carrying anything
 *   the relay lacks) are dropped, never forwarded — except a manifest update that only adds their
 *   own join claim (see observer-frames.ts); their awareness is passed on without its `cursor`, so
 *   they show as online but never carry a selection into the text. Hocuspocus also marks their
 *   connections read-only, except the manifest's (see the auth extension), so it would refuse the
 *   edits itself.
 *
 * It also watches what Hocuspocus sends: a PermissionDenied of a document for a refusal of the
 * member itself (removed, not admitted…) closes the socket with 4401 and the refusal's text, so the
 * client learns why ("invitation expired") from the close; a PermissionDenied "no access to this
 * document" only refuses that document, whose later frames the filter then drops (Hocuspocus 3.4
 * would queue them, and any new authentication of it, without end).
 */

const MAX_PENDING_FRAMES = 32;
const MAX_PENDING_BYTES = 1024 * 1024;
const MAX_DOCUMENTS = 64;
const WS_OPEN = 1;

/** What this socket was admitted as, at the upgrade (what it may do now: {@link SocketHost.access}). */
export interface SocketBinding {
  workspaceId: string;
  access: RelayAccess;
  /** The token presented at the upgrade (its invitation vouches for the per-document tokens too). */
  token: RelayToken;
}

/** What the socket needs of the relay. */
export interface SocketHost {
  /** The document of that relay name if Hocuspocus has it loaded. */
  loaded(name: string): Y.Doc | undefined;
  /** Called once the socket is closed (to forget it). */
  closed(socket: RelaySocket): void;
  /** What this socket's key may do now, by the current roster; throws a RelayRefusal ('removed'). */
  access(): RelayAccess;
  /** Whether a manifest update from this read-only socket only adds its own join claim (it then passes). */
  admitClaim(name: string, update: Uint8Array): boolean;
  /** Who this socket's key is now, as presence shows it: its roster name, party and the party's colour. */
  presenceUser(): SignedInUser;
}

interface DocState {
  doc: RelayDoc;
  mode: 'write' | 'read';
  /**
   * pending: authentication not answered yet; open: Hocuspocus has a connection; closing: the
   * client closed it; denied: refused for this document only — by the filter (Hocuspocus never
   * saw any of it, so it may be asked again) or by Hocuspocus (it keeps its state of the document
   * for the socket's life, so the filter answers every further authentication itself).
   */
  phase: 'pending' | 'open' | 'closing' | 'denied';
  deniedBy?: 'filter' | 'hocuspocus';
  authSeen: boolean;
  frames: number;
  bytes: number;
}

function bytesOf(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export class RelaySocket extends EventEmitter {
  readonly #ws: WebSocket;
  readonly #docs = new Map<string, DocState>();
  #closing = false;
  /** Frames the filter passed on to Hocuspocus, and dropped (observers' edits and awareness). */
  readonly counts = { passed: 0, dropped: 0 };

  constructor(
    ws: WebSocket,
    readonly binding: SocketBinding,
    private readonly host: SocketHost,
  ) {
    super();
    this.#ws = ws;
    // ws closes with 1009 for a frame over maxPayload; the relay's contract says 4413.
    const close = ws.close.bind(ws);
    ws.close = ((code?: number, reason?: string | Buffer) =>
      code === 1009 ? close(CLOSE_TOO_BIG, 'frame too big for this relay') : close(code, reason)) as WebSocket['close'];
    ws.on('message', (data) => this.#onFrame(bytesOf(data)));
    ws.on('pong', () => this.emit('pong'));
    ws.on('error', () => {}); // ws closes the socket after an error; 'close' follows
    ws.once('close', (code: number, reason: Buffer) => {
      this.#closing = true;
      this.emit('close', code, reason);
      host.closed(this);
    });
  }

  get access(): RelayAccess {
    return this.binding.access;
  }

  // --- what Hocuspocus uses of a ws socket -------------------------------------------------

  get readyState(): number {
    return this.#ws.readyState;
  }

  get binaryType(): string {
    return 'nodebuffer';
  }

  set binaryType(_value: string) {
    // Frames reach Hocuspocus as Buffers whatever it asks for: the filter reads them first.
  }

  send(data: Uint8Array, cb?: (err?: Error) => void): void {
    if (this.#ws.readyState !== WS_OPEN) {
      cb?.(new Error('socket closed'));
      return;
    }
    this.#ws.send(data, cb);
    const answer = readAuthAnswer(data);
    if (answer !== null && answer.denied !== null) {
      const refusal = refusalReasonOf(answer.denied);
      const state = this.#docs.get(answer.doc);
      if (refusal === 'forbidden-document' && state) {
        state.phase = 'denied';
        state.deniedBy = 'hocuspocus';
      } else if (refusal) this.refuse(refusal);
      else this.closeWith(1011, 'the relay could not open this document; try again later');
    }
  }

  ping(): void {
    if (this.#ws.readyState === WS_OPEN) this.#ws.ping();
  }

  close(code?: number, reason?: string): void {
    this.closeWith(code ?? 1000, reason ?? '');
  }

  // --- the relay's side ----------------------------------------------------------------------

  get isClosing(): boolean {
    return this.#closing;
  }

  /** Closes the socket with a refusal's code and text (4401, 4403). */
  refuse(reason: RefusalReason): void {
    const { code, reason: text } = refusalClose(reason);
    this.closeWith(code, text);
  }

  closeWith(code: number, reason: string): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#ws.close(code, fitCloseReason(reason));
  }

  /** Drops the connection without a close handshake (a client that does not answer one). */
  terminate(): void {
    this.#closing = true;
    this.#ws.terminate();
  }

  /** Hocuspocus has set up the document's connection: its queued frames were handled. */
  opened(name: string): void {
    const state = this.#docs.get(name);
    if (state?.phase === 'pending') state.phase = 'open';
  }

  /** Hocuspocus has closed the document's connection: the client may open it again. */
  documentClosed(name: string): void {
    this.#docs.delete(name);
  }

  /** How many documents this socket has open or opening. */
  get documents(): number {
    return this.#docs.size;
  }

  #malformed(why: string): void {
    this.closeWith(CLOSE_MALFORMED, why);
  }

  #onFrame(data: Uint8Array): void {
    if (this.#closing) return;
    let frame: Frame;
    try {
      frame = decodeFrame(data);
    } catch (err) {
      this.#malformed(isChanceryError(err) ? err.message : 'undecodable frame');
      return;
    }
    this.#route(frame, data);
  }

  #route(frame: Frame, data: Uint8Array): void {
    const known = this.#docs.get(frame.doc);
    if (known?.phase === 'denied') return this.#onDeniedFrame(frame, data, known);
    const state = known ?? this.#admitDocument(frame);
    if (state === null || state.phase === 'denied') return;
    if (state.phase === 'closing') {
      if (frame.type === 'auth') this.#malformed('a document was opened again before it was closed');
      return;
    }
    if (frame.type === 'auth') {
      if (state.authSeen) return this.#malformed('a second authentication for the same document');
      state.authSeen = true;
    }
    if (state.phase === 'pending') {
      state.frames += 1;
      state.bytes += frame.bytes;
      if (state.frames > MAX_PENDING_FRAMES || state.bytes > MAX_PENDING_BYTES) {
        return this.#malformed(`more than ${MAX_PENDING_FRAMES} frames or 1 MiB before authentication`);
      }
    }
    if (frame.type === 'close') state.phase = 'closing';
    let passed = data;
    if (state.mode === 'read') {
      const verdict = readOnlyVerdict(frame, state.doc, this.host);
      if (verdict === 'bad') return this.#malformed('an unreadable update');
      if (verdict === 'drop') {
        this.counts.dropped += 1;
        return;
      }
    }
    // Presence shows who signed in, never who a client claims to be; observers point at no text.
    if (frame.type === 'awareness') passed = awarenessAsSignedIn(data, this.host.presenceUser(), state.mode !== 'read');
    this.counts.passed += 1;
    this.emit('message', passed, true);
  }

  /**
   * A frame of a document refused to this socket: dropped. An authentication is answered with the
   * refusal again — or, if only the filter refused it, judged afresh (the roster may admit the key
   * now); a close of a document only the filter saw lets the client start over with it.
   */
  #onDeniedFrame(frame: Frame, data: Uint8Array, state: DocState): void {
    if (state.deniedBy === 'filter' && (frame.type === 'auth' || frame.type === 'close')) {
      this.#docs.delete(frame.doc);
      if (frame.type === 'auth') this.#route(frame, data);
      return;
    }
    this.counts.dropped += 1;
    if (frame.type === 'auth') this.#denyDocument(frame.doc);
  }

  /** Answers a document's authentication with PermissionDenied "no access to this document". */
  #denyDocument(name: string): void {
    if (this.#ws.readyState !== WS_OPEN) return;
    this.#ws.send(permissionDenied(name));
  }

  /**
   * The state of a document this socket names for the first time (`denied` if this member may not
   * open it now; its authentication is then answered), or null if it closed the socket.
   */
  #admitDocument(frame: Frame): DocState | null {
    if (frame.type === 'close') return null; // closing what was never open: nothing to do
    if (this.#docs.size >= MAX_DOCUMENTS) {
      this.#malformed(`more than ${MAX_DOCUMENTS} documents on one connection`);
      return null;
    }
    const verdict = judgeDocument(frame.doc, this.binding.workspaceId, () => this.host.access());
    if (verdict.kind === 'malformed') this.#malformed(verdict.why);
    if (verdict.kind === 'refuse') this.refuse(verdict.reason);
    if (verdict.kind === 'malformed' || verdict.kind === 'refuse') return null;
    const state: DocState = { doc: verdict.doc, mode: 'read', phase: 'pending', authSeen: false, frames: 0, bytes: 0 };
    if (verdict.kind === 'serve') state.mode = verdict.mode;
    else {
      state.phase = 'denied';
      state.deniedBy = 'filter';
      this.counts.dropped += 1;
      if (frame.type === 'auth') this.#denyDocument(frame.doc);
    }
    this.#docs.set(frame.doc, state);
    return state;
  }
}
