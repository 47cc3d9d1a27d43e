/** What an SDK v3 client's resolved config holds for SigV4. */
interface SignerConfig {
  signer?: (authScheme?: AuthSchemeLike) => Promise<unknown>;
}

interface AuthSchemeLike {
  name?: string;
  signingName?: string;
  signingRegion?: string;
}

/**
 * Makes an SDK v3 client build its SigV4 signer once per auth scheme instead of once per call. The SDK's
 * default `config.signer` spreads the whole resolved configuration (51 properties, which V8 keeps in
 * dictionary mode) and constructs a new `SignatureV4` on every request; the signer itself is reusable
 * (credentials are a provider it calls at each signing, and every signing is given its region and
 * service). Keyed by the scheme's name, signing name and region, which come from the cached endpoint.
 * The signing middleware reads `config.signer` at each call, so this works on a constructed client.
 */
export function reuseSigner(config: object): void {
  const resolved = config as SignerConfig;
  const create = resolved.signer;
  if (!create) return;
  const signers = new Map<string, Promise<unknown>>();
  resolved.signer = (authScheme) => {
    const key = `${authScheme?.name}|${authScheme?.signingName}|${authScheme?.signingRegion}`;
    let signer = signers.get(key);
    if (!signer) {
      signer = create(authScheme);
      signers.set(key, signer);
      // A signer that failed to build is not kept: the next call tries again.
      signer.catch(() => signers.delete(key));
    }
    return signer;
  };
}
