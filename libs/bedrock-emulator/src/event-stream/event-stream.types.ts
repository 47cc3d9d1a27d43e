/**
 * The `application/vnd.amazon.eventstream` message model (shared/docs/bedrock-wire.md §2.3).
 * Header values carry their wire type so that a decode/encode round trip is byte-identical.
 */
export type EventStreamHeaderValue =
  | { type: 'boolean'; value: boolean }
  | { type: 'byte'; value: number }
  | { type: 'short'; value: number }
  | { type: 'integer'; value: number }
  | { type: 'long'; value: bigint }
  | { type: 'binary'; value: Uint8Array }
  | { type: 'string'; value: string }
  | { type: 'timestamp'; value: Date }
  | { type: 'uuid'; value: string };

/** Insertion order is the wire order. */
export type EventStreamHeaders = Record<string, EventStreamHeaderValue>;

export interface EventStreamMessage {
  headers: EventStreamHeaders;
  body: Uint8Array;
}

/** Wire type tags, §2.3 header table. */
export const HEADER_TYPE = {
  boolTrue: 0,
  boolFalse: 1,
  byte: 2,
  short: 3,
  integer: 4,
  long: 5,
  binary: 6,
  string: 7,
  timestamp: 8,
  uuid: 9,
} as const;

/** 12-byte prelude (total length, headers length, prelude CRC) plus the 4-byte trailing message CRC. */
export const PRELUDE_LENGTH = 12;
export const FRAME_OVERHEAD = 16;
/** The SDK refuses messages above 16 MiB; so do we, which also bounds what a hostile peer can make us buffer. */
export const MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;
