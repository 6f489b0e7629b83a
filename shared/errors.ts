/**
 * Stable error codes. The renderer, the CLI and the tests branch on these, never on message text,
 * so a code once shipped keeps its meaning; add new codes rather than reusing old ones.
 */
export const ERROR_CODES = [
  'WORKSPACE_NOT_FOUND',
  'WORKSPACE_EXISTS',
  'WORKSPACE_CORRUPT',
  'WORKSPACE_FOREIGN',
  'WORKSPACE_TOO_NEW',
  'WORKSPACE_LOCKED',
  'WORKSPACE_NOT_OPEN',
  'DISK_FULL',
  'STORAGE_FAILED',
  'DOCUMENT_NOT_FOUND',
  /** A stored document cannot be read back (undecodable rows, foreign structure); never written. */
  'DOCUMENT_DAMAGED',
  /** An update (from a window, the relay or a merged file) was refused before it was stored. */
  'INVALID_UPDATE',
  'INVALID_ARGUMENT',
  /** No clause with that id in the document (deleted meanwhile, or never there). */
  'CLAUSE_NOT_FOUND',
  /** No delegation note with that id (removed meanwhile by another member of the delegation, or never there). */
  'NOTE_NOT_FOUND',
  /** This installation's key may not do that: not enrolled in the party, an observer, not its head or the convener. */
  'NOT_AUTHORISED',
  /** A member card (or its file) is not one Chancery wrote, or it is damaged. */
  'INVALID_MEMBER_CARD',
  /** The member identity (key pair) cannot be created, read or decrypted. */
  'IDENTITY_FAILED',
  /** An invitation text is not one Chancery wrote, was altered, or was cut short when it was copied. */
  'INVALID_INVITATION',
  /** An invitation was used after its expiry time; only its sender can issue a new one. */
  'INVITATION_EXPIRED',
  /** The relay turned this connection away (bad or stale proof, not admitted, removed, …); see the reason. */
  'RELAY_REFUSED',
  /** The relay cannot be reached (wrong address, nothing listening, network down). */
  'RELAY_UNREACHABLE',
  /** A relay could not start or go on serving: its port is taken, its data folder is not writable, its Redis cannot be reached. */
  'RELAY_FAILED',
  /** No kept (lost) text with that id: it was restored or dismissed already, perhaps in another window. */
  'LOST_TEXT_NOT_FOUND',
  /** A file or invitation is a copy of another workspace than the one it was to be merged into or used with. */
  'WRONG_WORKSPACE',
  /** No named round with that name or id in this workspace. */
  'ROUND_NOT_FOUND',
  /** A round of that name exists already (names are unique, case-insensitively). */
  'ROUND_EXISTS',
  /** A stored round cannot be read back (digest or content check failed); it is never exported as if whole. */
  'ROUND_DAMAGED',
  /** The export's output path cannot be written (missing folder, no permission, full disk); nothing was left behind. */
  'EXPORT_UNWRITABLE',
  /** An export is already running in this window; wait for it to finish, then export again. */
  'EXPORT_BUSY',
  /** Printing to PDF needs Electron or a Chromium on this machine, and neither was found or could print. */
  'PDF_PRINTER_MISSING',
  /** Printing to PDF started but failed. */
  'PDF_FAILED',
  'UNTRUSTED_SENDER',
  'UNKNOWN_CHANNEL',
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}; a closed union so a switch over codes is checked for exhaustiveness. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one error type Chancery throws on purpose. It carries a stable `code` for programs and a
 * message written for the negotiator: what happened, with the bad value, and what to do next.
 */
export class ChanceryError extends Error {
  override readonly name = 'ChanceryError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The shape an error takes when it crosses a process boundary (IPC, CLI --json). */
export interface SerializedError {
  code: ErrorCode;
  message: string;
}

/** Structured-clone drops the class of an Error, so errors cross IPC as plain data. */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof ChanceryError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Unexpected internal error: ${message}` };
}

/** Rebuilds the typed error on the receiving side, so callers can `catch` and switch on `code`. */
export function deserializeError(data: SerializedError): ChanceryError {
  const code = (ERROR_CODES as readonly string[]).includes(data.code) ? data.code : 'INTERNAL';
  return new ChanceryError(code, data.message);
}

/** True when `err` is a ChanceryError with the given code; narrows for the caller. */
export function isChanceryError(err: unknown, code?: ErrorCode): err is ChanceryError {
  return err instanceof ChanceryError && (code === undefined || err.code === code);
}
