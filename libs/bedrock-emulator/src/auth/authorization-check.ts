import { EmulatorError } from '../errors/emulator-error';
import type { BedrockService } from '../routes/operation.types';

/**
 * The shape the SDK signs with (§0.3): signing name `bedrock` for all three clients, any region, any key.
 * The signature itself is never verified: the emulator has no secret to verify it with.
 */
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=[^/\s,]+\/\d{8}\/([a-z0-9-]+)\/bedrock\/aws4_request, ?SignedHeaders=[a-z0-9:;-]+, ?Signature=[0-9a-f]{64}$/;
const BEARER = /^Bearer \S+$/;

/**
 * Error names follow API Gateway-fronted AWS services: no `authorization` at all is
 * `MissingAuthenticationTokenException`; one that is present but not a complete SigV4 (or a bearer token
 * where only SigV4 is modelled, as for agent runtime) is `IncompleteSignatureException`. Both are 403.
 *
 * Returns the region of the SigV4 credential scope, the region the call is made in (as a regional endpoint's
 * would be); undefined for a bearer token, which names none.
 */
export function checkAuthorization(
  authorization: string | undefined,
  service: BedrockService,
): string | undefined {
  if (authorization === undefined || authorization.trim() === '') {
    throw new EmulatorError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
  }
  const signed = SIGV4.exec(authorization);
  if (signed) return signed[1];
  if (BEARER.test(authorization)) {
    if (service !== 'agent-runtime') return undefined;
    throw new EmulatorError(
      'IncompleteSignatureException',
      403,
      'Bearer token authentication is not supported by this service; sign the request with AWS Signature Version 4.',
    );
  }
  throw new EmulatorError(
    'IncompleteSignatureException',
    403,
    "Authorization header requires 'Credential' (<key>/<yyyymmdd>/<region>/bedrock/aws4_request), 'SignedHeaders' and " +
      "'Signature' (64 hex digits) parameters.",
  );
}
