/** Injection token for the EventStore instance (created outside Nest, so both modes can share it). */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** Injection token for the optional "events were appended" hook the embedded mode uses to wake its followers. */
export const APPEND_LISTENER = Symbol('APPEND_LISTENER');

export type AppendListener = (lastPosition: bigint) => void;
/** Injection token for the ServiceCredentialVerifier built from the service key. */
export const SERVICE_CREDENTIAL_VERIFIER = Symbol('SERVICE_CREDENTIAL_VERIFIER');
