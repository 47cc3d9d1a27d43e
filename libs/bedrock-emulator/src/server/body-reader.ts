import { EmulatorError } from '../errors/emulator-error';
import type { HttpExchange } from './http-exchange';

/** A peer that keeps sending this far past the limit is cut off rather than drained. */
const HARD_CAP_FACTOR = 4;

/**
 * Reads a request body up to `limit` bytes (`body-limits.ts`). An oversized body is drained (not buffered)
 * and answered with a 400 ValidationException, as a modelled member past its length is (no Bedrock model
 * has a 413), so the client gets a clean error instead of a reset in the middle of its upload.
 */
export function readBody(exchange: HttpExchange, limit: number): Promise<Buffer> {
  const request = exchange.request;
  const declared = Number(exchange.header('content-length') ?? 'NaN');
  const tooLarge = (): EmulatorError =>
    EmulatorError.validation(`Request body exceeds the maximum size of ${limit} bytes.`);
  return new Promise((resolve, reject) => {
    if (Number.isFinite(declared) && declared > limit * HARD_CAP_FACTOR) {
      reject(tooLarge());
      return;
    }
    const parts: Buffer[] = [];
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) parts.push(chunk);
      else if (received > limit * HARD_CAP_FACTOR) {
        request.removeAllListeners('data');
        request.pause();
        reject(tooLarge());
      }
    });
    request.on('end', () => {
      if (received > limit) reject(tooLarge());
      else resolve(parts.length === 1 ? parts[0]! : Buffer.concat(parts, received));
    });
    request.on('error', () =>
      reject(new EmulatorError('ValidationException', 400, 'Request body could not be read.')),
    );
  });
}
