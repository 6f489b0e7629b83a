/**
 * The relay module's public face: start a relay (headless or embedded), and read its close codes
 * on the client side. Everything else in this folder is the relay's inside.
 */
export { startRelay, type RelayOptions, type RunningRelay } from './relay';
export { CLOSE_FORBIDDEN, CLOSE_MALFORMED, CLOSE_REFUSED, CLOSE_TOO_BIG, readRelayClose, type RelayClose } from './close-codes';
