import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { reuseSigner } from './reuse-signer';

type Scheme = { name: string; signingName: string; signingRegion: string };
const scheme = (signingRegion: string): Scheme => ({ name: 'sigv4', signingName: 'bedrock', signingRegion });

describe('reuseSigner', () => {
  it('builds one signer per auth scheme and hands the same one to every later call', async () => {
    let built = 0;
    const config: { signer?: (s?: Scheme) => Promise<unknown> } = {
      signer: (s) => Promise.resolve({ id: (built += 1), region: s?.signingRegion }),
    };
    reuseSigner(config);
    const first = await config.signer?.(scheme('us-east-1'));
    const again = await config.signer?.(scheme('us-east-1'));
    const other = await config.signer?.(scheme('eu-west-1'));
    expect(again).toBe(first);
    expect(other).toEqual({ id: 2, region: 'eu-west-1' });
    expect(built).toBe(2);
  });

  it('does not keep a signer that failed to build', async () => {
    let calls = 0;
    const config: { signer?: () => Promise<unknown> } = {
      signer: () =>
        (calls += 1) === 1 ? Promise.reject(new Error('no credentials')) : Promise.resolve('ok'),
    };
    reuseSigner(config);
    await expect(config.signer?.()).rejects.toThrow('no credentials');
    await expect(config.signer?.()).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it("makes an SDK client's own signer factory hand out one SignatureV4 per scheme", async () => {
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    });
    const config = client.config as unknown as { signer: (s?: Scheme) => Promise<unknown> };
    const unmemoised = [await config.signer(scheme('us-east-1')), await config.signer(scheme('us-east-1'))];
    expect(unmemoised[0]).not.toBe(unmemoised[1]);
    reuseSigner(config);
    const signer = await config.signer(scheme('us-east-1'));
    expect(signer).toHaveProperty('sign');
    expect(await config.signer(scheme('us-east-1'))).toBe(signer);
    expect(await config.signer(scheme('eu-west-1'))).not.toBe(signer);
  });
});
