import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { BedrockEmulator, DeterministicModelBehaviour, EmulatorError } from '@app/bedrock-emulator';
import { HAIKU_3, converseInput, runtimeClient, startEmulator } from './support/emulator-harness';
import { SIGV4, h2, http1 } from './support/raw-http';

const converseBody = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] });
const conversePath = `/model/${encodeURIComponent(HAIKU_3)}/converse`;
const json = { authorization: SIGV4, 'content-type': 'application/json' };
/** Error names that once crashed the process (`__proto__` found Object.prototype as a status) or broke a header. */
const BAD_TYPES = ['__proto__', '%E4%B8%AD', '%0d%0aX'];

describe('fault and script error types never reach a response header unchecked', () => {
  let emulator: BedrockEmulator;
  const internalErrors: unknown[] = [];
  const stillServes = async (): Promise<void> => {
    const output = await runtimeClient(emulator).send(new ConverseCommand(converseInput(HAIKU_3, 'hi')));
    expect(output.$metadata.httpStatusCode).toBe(200);
  };

  beforeAll(async () => {
    emulator = await startEmulator({ onInternalError: (error) => internalErrors.push(error) });
  });
  afterAll(() => emulator.stop());

  it.each(BAD_TYPES)('x-bedrock-local-fault type=%s is a 400 over HTTP/1.1', async (type) => {
    const headers = { ...json, 'x-bedrock-local-fault': `error;type=${type}` };

    const response = await http1(emulator.url, 'POST', conversePath, headers, converseBody);

    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-errortype']).toMatch(/^ValidationException:/);
    expect(JSON.parse(response.body).message).toMatch(/Invalid x-bedrock-local-fault header/);
    await stillServes();
  });

  it.each(BAD_TYPES)('x-bedrock-local-fault type=%s is a 400 over h2', async (type) => {
    const headers = {
      ':method': 'POST',
      ':path': conversePath,
      ...json,
      'x-bedrock-local-fault': `error;type=${type}`,
    };

    const response = await h2(emulator.url, headers, converseBody);

    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-errortype']).toMatch(/^ValidationException:/);
  });

  it('a well-formed name that only Object.prototype knows (constructor) is an ordinary injected 500', async () => {
    const headers = { ...json, 'x-bedrock-local-fault': 'error;type=constructor' };

    const response = await http1(emulator.url, 'POST', conversePath, headers, converseBody);

    expect(response.status).toBe(500);
    expect(response.headers['x-amzn-errortype']).toMatch(/^Constructor:/);
    expect(JSON.parse(response.body)).toEqual({ message: 'Injected Constructor.' });
  });

  it.each([
    ['/_emulator/faults', { kind: 'error', errorType: '__proto__' }],
    ['/_emulator/faults', { kind: 'stream-error', errorType: 'bad\r\ntype' }],
    ['/_emulator/scripts', { rules: [{ prompt: 'x', error: { type: '中' } }] }],
  ])('PUT %s refuses a bad error name with 400', async (path, body) => {
    const response = await http1(emulator.url, 'PUT', path, {}, JSON.stringify(body));

    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-errortype']).toMatch(/^ValidationException:/);
    expect(JSON.parse(response.body).message).toMatch(/must be an AWS error name/);
    await stillServes();
  });

  it('a fault rule with a bad error name given as an option is refused when the emulator is built', () => {
    expect(() => new BedrockEmulator({ faults: [{ kind: 'error', errorType: 'Bad\r\nX' }] })).toThrow(
      'Invalid fault rule at 0.errorType: must be an AWS error name',
    );
  });

  it('an error name that cannot be a header (thrown by a custom behaviour) is reported and answered with a plain 500', async () => {
    class BadErrorName extends DeterministicModelBehaviour {
      override converse(): never {
        throw new EmulatorError('Bad\r\nX', 400, 'unwritable');
      }
    }
    const unchecked = await startEmulator({
      behaviour: new BadErrorName(),
      onInternalError: (error) => internalErrors.push(error),
    });
    try {
      const before = internalErrors.length;
      const overHttp1 = await http1(unchecked.url, 'POST', conversePath, json, converseBody);
      const overH2 = await h2(
        unchecked.url,
        { ':method': 'POST', ':path': conversePath, ...json },
        converseBody,
      );

      for (const response of [overHttp1, overH2]) {
        expect(response.status).toBe(500);
        expect(response.headers['x-amzn-errortype']).toMatch(/^InternalServerException:/);
      }
      expect(internalErrors.length - before).toBe(2);
      const health = await http1(unchecked.url, 'GET', '/_emulator/health');
      expect(health.status).toBe(200);
    } finally {
      await unchecked.stop();
    }
  });
});
