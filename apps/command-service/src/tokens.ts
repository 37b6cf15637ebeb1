/** Injection token for the EventStore instance (created outside Nest, so both modes can share it). */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** Injection token for the optional "events were appended" hook the embedded mode uses to wake its followers. */
export const APPEND_LISTENER = Symbol('APPEND_LISTENER');

export type AppendListener = (lastPosition: bigint) => void;
