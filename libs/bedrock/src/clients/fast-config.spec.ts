import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { useFastConfig } from './fast-config';

const settings = {
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:1',
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
  maxAttempts: 1,
};

describe('useFastConfig', () => {
  const clients = [
    ['runtime', () => new BedrockRuntimeClient(settings)],
    ['agent runtime', () => new BedrockAgentRuntimeClient(settings)],
    ['control', () => new BedrockClient(settings)],
  ] as const;

  it.each(clients)('gives the %s client a copy of its config with the very same values', (_name, create) => {
    const client = create();
    const original = client.config as unknown as Record<string, unknown>;
    useFastConfig(client);
    const copy = client.config as unknown as Record<string, unknown>;
    expect(copy).not.toBe(original);
    expect(Object.keys(copy)).toEqual(Object.keys(original));
    for (const key of Object.keys(original)) expect(Object.is(copy[key], original[key])).toBe(true);
  });

  it.each(clients)('keeps exactly one serializer and one deserializer on the %s client', (_name, create) => {
    const client = useFastConfig(create());
    const names = client.middlewareStack.identify();
    expect(names.filter((name) => name.startsWith('serializerMiddleware '))).toHaveLength(1);
    expect(names.filter((name) => name.startsWith('deserializerMiddleware '))).toHaveLength(1);
  });
});
