import { randomBytes } from 'node:crypto';
import { ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import {
  HAIKU_3,
  converseInput,
  rejectionOf,
  runtimeClient,
  startEmulator,
} from './support/emulator-harness';
import { SIGV4, h2, http1, rawSocket } from './support/raw-http';

const ERROR_NAMESPACE = ':http://internal.amazon.com/coral/com.amazon.bedrock/';
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
const converseBody = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] });
const haikuPath = `/model/${encodeURIComponent(HAIKU_3)}`;

describe('transport robustness', () => {
  let emulator: BedrockEmulator;
  const stillServes = async (): Promise<void> => {
    const output = await runtimeClient(emulator).send(
      new ConverseCommand(converseInput(HAIKU_3, 'still there?')),
    );
    expect(output.$metadata.httpStatusCode).toBe(200);
  };

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  it.each([
    [undefined, 'MissingAuthenticationTokenException'],
    ['AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE', 'IncompleteSignatureException'],
  ])('authorization %s gives 403 %s with header and JSON body', async (authorization, name) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization) headers.authorization = authorization;

    const response = await http1(emulator.url, 'POST', `${haikuPath}/converse`, headers, converseBody);

    expect(response.status).toBe(403);
    expect(response.headers['x-amzn-errortype']).toBe(`${name}${ERROR_NAMESPACE}`);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(response.body).message).toEqual(expect.any(String));
  });

  it('accepts a bearer token on runtime but not on agent runtime', async () => {
    const bearer = { authorization: 'Bearer token-1', 'content-type': 'application/json' };

    const runtime = await http1(emulator.url, 'POST', `${haikuPath}/converse`, bearer, converseBody);
    const agent = await http1(emulator.url, 'POST', '/knowledgebases/KBGENERAL1/retrieve', bearer, '{}');

    expect(runtime.status).toBe(200);
    expect(agent.status).toBe(403);
  });

  it.each([
    ['GET', '/'],
    ['GET', '/model/x/invoke'],
    ['POST', '/model/x/explode'],
    ['DELETE', '/foundation-models'],
  ])('%s %s is a JSON 404 UnknownOperationException, never HTML', async (method, path) => {
    const response = await http1(emulator.url, method, path, { authorization: SIGV4 });

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-amzn-errortype']).toBe(`UnknownOperationException${ERROR_NAMESPACE}`);
    expect(JSON.parse(response.body)).toEqual({ message: expect.any(String) });
  });

  it('answers a broken percent-encoding with 400 ValidationException', async () => {
    const response = await http1(
      emulator.url,
      'POST',
      '/model/%E0%A4%A/invoke',
      { authorization: SIGV4 },
      '{}',
    );

    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-errortype']).toMatch(/^ValidationException:/);
  });

  it('takes a Converse image of 2 MB, as Bedrock takes up to 3.75 MB per image', async () => {
    const image = { format: 'png' as const, source: { bytes: randomBytes(2_000_000) } };
    const input = converseInput(HAIKU_3, 'What is in this picture?');

    const output = await runtimeClient(emulator, { maxAttempts: 1 }).send(
      new ConverseCommand({
        ...input,
        messages: [{ role: 'user', content: [{ text: 'What is in this picture?' }, { image }] }],
      }),
    );

    expect(output.$metadata.httpStatusCode).toBe(200);
  });

  it('reads a Retrieve body of 3 MiB (a query image may be 5 MiB) before judging its members', async () => {
    const body = JSON.stringify({
      retrievalQuery: {
        type: 'IMAGE',
        image: { format: 'png', inlineContent: randomBytes(2_300_000).toString('base64') },
      },
    });

    const response = await http1(
      emulator.url,
      'POST',
      '/knowledgebases/KBGENERAL1/retrieve',
      { authorization: SIGV4, 'content-type': 'application/json' },
      body,
    );

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toMatch(/retrievalQuery\.type/);
  });

  it.each([
    ['a Retrieve body over 8 MiB', '/knowledgebases/KBGENERAL1/retrieve', 8 * 1024 * 1024 + 1, 8388608],
    ['an InvokeModel body over 25,000,000 bytes', `${haikuPath}/invoke`, 25_000_001, 25000000],
  ])(
    'answers %s with 400 ValidationException (no model has a 413), and keeps serving',
    async (_what, path, size, limit) => {
      const response = await http1(
        emulator.url,
        'POST',
        path,
        { authorization: SIGV4, 'content-type': 'application/json' },
        Buffer.alloc(size, 0x20),
      );

      expect(response.status).toBe(400);
      expect(response.headers['x-amzn-errortype']).toBe(`ValidationException${ERROR_NAMESPACE}`);
      expect(JSON.parse(response.body).message).toBe(
        `Request body exceeds the maximum size of ${limit} bytes.`,
      );
      await stillServes();
    },
  );

  it('refuses a Converse body declared far past its 136 MiB cap without reading it', async () => {
    const head = [
      `POST ${haikuPath}/converse HTTP/1.1`,
      'host: 127.0.0.1',
      `authorization: ${SIGV4}`,
      'content-type: application/json',
      `content-length: ${600 * 1024 * 1024}`,
      '',
      '',
    ].join('\r\n');

    const answer = (await rawSocket(emulator.port, [Buffer.from(head + converseBody)])).toString();

    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('x-amzn-errortype: ValidationException:');
    expect(answer).toContain('Request body exceeds the maximum size of 142606336 bytes.');
    await stillServes();
  });

  it('answers an InvokeModel body over 25,000,000 bytes sent by the SDK over h2c with 400 ValidationException', async () => {
    const body = Buffer.alloc(25_000_001, 0x20);

    const error = await rejectionOf(
      runtimeClient(emulator, { maxAttempts: 1 }).send(
        new InvokeModelCommand({ modelId: HAIKU_3, contentType: 'application/json', body }),
      ),
    );

    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    expect(error.name).toBe('ValidationException');
    await stillServes();
  });

  it('sends no connection-specific headers on HTTP/2 responses', async () => {
    const response = await h2(
      emulator.url,
      {
        ':method': 'POST',
        ':path': `${haikuPath}/converse`,
        authorization: SIGV4,
        'content-type': 'application/json',
      },
      converseBody,
    );

    expect(response.status).toBe(200);
    for (const name of ['connection', 'keep-alive', 'transfer-encoding', 'upgrade']) {
      expect(response.headers[name]).toBeUndefined();
    }
  });

  it.each([
    ['random bytes', [randomBytes(4096)]],
    ['a garbage HTTP/1 request line', [Buffer.from('GARBAGE \x00\x01 NOT-HTTP\r\n\r\n')]],
    ['the h2 preface then garbage frames', [PREFACE, randomBytes(2048)]],
    ['half a preface, then nothing', [PREFACE.subarray(0, 10)]],
    [
      'a preface split byte by byte then a bogus frame',
      [...[...PREFACE].map((b) => Buffer.from([b])), Buffer.from([0, 0, 4, 99, 0, 0, 0, 0, 1, 1, 2, 3, 4])],
    ],
  ])('survives %s on a raw socket and keeps serving', async (_case, chunks) => {
    await rawSocket(emulator.port, chunks, true);
    await rawSocket(emulator.port, chunks, false);

    await stillServes();
  });

  it.each([
    ['a bad header line', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n'],
    [
      'a bad chunk size',
      `POST ${haikuPath}/converse HTTP/1.1\r\nHost: x\r\nAuthorization: ${SIGV4}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`,
    ],
    [
      'Content-Length with Transfer-Encoding',
      'POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    ['bare LF line endings', 'GET / HTTP/1.1\nHost: x\n\n'],
  ])('answers malformed HTTP/1 (%s) with a JSON 400 ValidationException', async (_case, raw) => {
    const reply = (await rawSocket(emulator.port, [Buffer.from(raw, 'latin1')])).toString('latin1');

    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toMatch(/\r\nx-amzn-errortype: ValidationException:/);
    expect(reply).toMatch(/\r\nconnection: close\r\n/i);
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual({ message: expect.any(String) });
    await stillServes();
  });

  it('answers HTTP/1 headers over 16 KB with a JSON 431', async () => {
    const raw = `GET / HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`;

    const reply = (await rawSocket(emulator.port, [Buffer.from(raw, 'latin1')])).toString('latin1');

    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
    expect(reply).toMatch(/\r\nx-amzn-errortype: ValidationException:/);
  });

  it('stop() closes promptly even with a stalled request in flight', async () => {
    const stalling = await startEmulator({ faults: [{ kind: 'stall' }] });
    const pending = rejectionOf(
      runtimeClient(stalling, { maxAttempts: 1 }).send(new ConverseCommand(converseInput(HAIKU_3, 'x'))),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    // A stop that waited for the stalled exchange would never resolve (the test's own timeout).
    await stalling.stop();

    expect((await pending).name).toEqual(expect.any(String));
    expect(stalling.requests).toMatchObject([{ aborted: true }]);
  });
});
