/**
 * The one chat every target answers: the same prompt and output budget, sent the way each hop expects.
 * `direct` is the InvokeModel request the gateway itself sends for this chat (Anthropic Messages body,
 * bedrock-wire.md §7.1), so it is the floor the others are compared with. `sdk-proxy` is the bare SDK
 * proxy (sdk-proxy-server.ts): the floor of any gateway that calls Bedrock through SDK v3; `nest-proxy`
 * (nest-proxy-server.ts) takes the same chat on Nest with Fastify: the floor of such a gateway on Nest.
 */
export type TargetName = 'direct' | 'gateway' | 'portkey' | 'sdk-proxy' | 'nest-proxy';

export interface HttpRequestSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Endpoints {
  emulator: string;
  gateway: string;
  portkey: string;
  sdkProxy: string;
  nestProxy: string;
  apiKey: string;
}

export const MODEL_ALIAS = 'claude-3-haiku';
export const MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
export const MAX_TOKENS = 64;
export const MESSAGE =
  'Summarise the benefits of local emulators for integration testing, in a short paragraph for a team wiki.';

/** A SigV4-shaped header: the emulator checks its shape, never the signature (emulator README). */
const SIGV4 =
  'AWS4-HMAC-SHA256 Credential=AKIDBENCHMARK/20260101/us-east-1/bedrock/aws4_request, ' +
  `SignedHeaders=content-type;host;x-amz-date, Signature=${'a1'.repeat(32)}`;

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export function requestFor(target: TargetName, endpoints: Endpoints, stream: boolean): HttpRequestSpec {
  switch (target) {
    case 'direct': {
      const operation = stream ? 'invoke-with-response-stream' : 'invoke';
      return {
        url: `${endpoints.emulator}/model/${encodeURIComponent(MODEL_ID)}/${operation}`,
        headers: {
          ...JSON_HEADERS,
          accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json',
          authorization: SIGV4,
          'x-amz-date': '20260101T000000Z',
        },
        body: JSON.stringify({
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: MAX_TOKENS,
          messages: [{ role: 'user', content: MESSAGE }],
        }),
      };
    }
    case 'gateway':
      return {
        url: `${endpoints.gateway}/bedrock/chat`,
        headers: { ...JSON_HEADERS, authorization: `Bearer ${endpoints.apiKey}` },
        body: JSON.stringify({
          model: MODEL_ALIAS,
          max_tokens: MAX_TOKENS,
          message: MESSAGE,
          ...(stream ? { stream: true } : {}),
        }),
      };
    case 'portkey':
      // Portkey's OpenAI-style route; its Bedrock provider signs with these keys and sends Converse to
      // the custom host (x-portkey-custom-host replaces https://bedrock-runtime.<region>.amazonaws.com).
      return {
        url: `${endpoints.portkey}/v1/chat/completions`,
        headers: {
          ...JSON_HEADERS,
          'x-portkey-provider': 'bedrock',
          'x-portkey-custom-host': endpoints.emulator,
          'x-portkey-aws-access-key-id': 'AKIDBENCHMARK',
          'x-portkey-aws-secret-access-key': 'bedrock-local',
          'x-portkey-aws-region': 'us-east-1',
        },
        body: JSON.stringify({
          model: MODEL_ID,
          max_tokens: MAX_TOKENS,
          messages: [{ role: 'user', content: MESSAGE }],
          ...(stream ? { stream: true } : {}),
        }),
      };
    case 'sdk-proxy':
    case 'nest-proxy':
      return {
        url: `${target === 'sdk-proxy' ? endpoints.sdkProxy : endpoints.nestProxy}/chat`,
        headers: JSON_HEADERS,
        body: JSON.stringify({
          model_id: MODEL_ID,
          max_tokens: MAX_TOKENS,
          message: MESSAGE,
          ...(stream ? { stream: true } : {}),
        }),
      };
  }
}
