import { encodeMessage } from './event-stream-encoder';

/**
 * Frames as Bedrock sends them (§2.3, §2.5): only string headers, in the order
 * `:event-type`/`:exception-type`, `:content-type`, `:message-type` (the order the SDK's own encoder
 * produces, so the §2.4 vectors are reproduced byte for byte).
 */
export function eventFrame(eventType: string, payload: unknown): Buffer {
  return encodeMessage({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: Buffer.from(JSON.stringify(payload), 'utf8'),
  });
}

/** `exceptionType` is the lowerCamel union member name, e.g. `throttlingException`. */
export function exceptionFrame(exceptionType: string, payload: Record<string, unknown>): Buffer {
  return encodeMessage({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: Buffer.from(JSON.stringify(payload), 'utf8'),
  });
}

const PADDING_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * InvokeModelWithResponseStream `chunk` event: the native chunk JSON, base64-encoded under `bytes`, plus
 * the `p` padding real Bedrock adds to hide token sizes (§2.5). The padding length is derived from the
 * chunk so that output stays deterministic.
 */
export function chunkFrame(nativeChunk: Record<string, unknown>): Buffer {
  const json = Buffer.from(JSON.stringify(nativeChunk), 'utf8');
  const padding = PADDING_ALPHABET.slice(0, 1 + (json.length % PADDING_ALPHABET.length));
  return eventFrame('chunk', { bytes: json.toString('base64'), p: padding });
}
