import http2 from 'node:http2';
import {
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import {
  HAIKU_3,
  claudeBody,
  converseInput,
  eventually,
  rejectionOf,
  runtimeClient,
  startEmulator,
} from './support/emulator-harness';

describe('runtime over HTTP/1.1 and multiplexed HTTP/2', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('serves every runtime operation to a NodeHttpHandler (HTTP/1.1) client, streams chunked', async () => {
    const client = runtimeClient(emulator, { requestHandler: new NodeHttpHandler() });

    await client.send(
      new InvokeModelCommand({ modelId: HAIKU_3, contentType: 'application/json', body: claudeBody('a') }),
    );
    await client.send(new ConverseCommand(converseInput(HAIKU_3, 'b')));
    const invokeStream = await client.send(
      new InvokeModelWithResponseStreamCommand({
        modelId: HAIKU_3,
        contentType: 'application/json',
        body: claudeBody('c'),
      }),
    );
    let chunks = 0;
    for await (const event of invokeStream.body!) if (event.chunk) chunks++;
    const converseStream = await client.send(new ConverseStreamCommand(converseInput(HAIKU_3, 'd')));
    const kinds: string[] = [];
    for await (const event of converseStream.stream!) kinds.push(Object.keys(event)[0]!);

    expect(chunks).toBeGreaterThan(1);
    expect(kinds[kinds.length - 1]).toBe('metadata');
    const records = await eventually(
      () => emulator.requests,
      (all) => all.every((r) => r.done),
    );
    expect(records.map((r) => [r.protocol, r.status, r.aborted])).toEqual([
      ['1.1', 200, false],
      ['1.1', 200, false],
      ['1.1', 200, false],
      ['1.1', 200, false],
    ]);
  });

  it('delivers a mid-stream exception frame over chunked HTTP/1.1', async () => {
    emulator.setFaults([{ kind: 'stream-error', afterChunks: 2, errorType: 'internalServerException' }]);
    const client = runtimeClient(emulator, { requestHandler: new NodeHttpHandler() });
    const output = await client.send(new ConverseStreamCommand(converseInput(HAIKU_3, 'x')));
    let received = 0;

    const error = await rejectionOf(
      (async () => {
        for await (const _event of output.stream!) received++;
      })(),
    );

    expect(received).toBe(2);
    expect(error.name).toBe('InternalServerException');
  });

  it('drops an HTTP/1.1 stream only after the frames already written were delivered', async () => {
    emulator.setFaults([{ kind: 'stream-abort', afterChunks: 3 }]);
    const client = runtimeClient(emulator, { requestHandler: new NodeHttpHandler() });
    const output = await client.send(new ConverseStreamCommand(converseInput(HAIKU_3, 'x')));
    let received = 0;

    const error = await rejectionOf(
      (async () => {
        for await (const _event of output.stream!) received++;
      })(),
    );

    expect(received).toBe(3);
    expect(error.message).toMatch(/.+/);
  });

  it('resets an HTTP/2 stream only after the frames already written were delivered', async () => {
    emulator.setFaults([{ kind: 'stream-abort', afterChunks: 3 }]);
    const client = runtimeClient(emulator);
    const output = await client.send(new ConverseStreamCommand(converseInput(HAIKU_3, 'x')));
    let received = 0;

    const error = await rejectionOf(
      (async () => {
        for await (const _event of output.stream!) received++;
      })(),
    );

    expect(received).toBe(3);
    expect(error.message).toMatch(/NGHTTP2_INTERNAL_ERROR/);
  });

  it('resets an HTTP/2 stream whose client stopped reading, after a short wait', async () => {
    // Arrange: a client whose flow-control window admits no byte of the answer
    emulator.setFaults([{ kind: 'stream-abort', afterChunks: 3 }]);
    const session = http2.connect(emulator.url, { settings: { initialWindowSize: 0 } });
    const signature = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;
    try {
      // Act
      const request = session.request({
        ':method': 'POST',
        ':path': `/model/${encodeURIComponent(HAIKU_3)}/invoke-with-response-stream`,
        'content-type': 'application/json',
        authorization: signature,
      });
      request.on('error', () => undefined); // the reset, told again as an error
      request.end(claudeBody('x'));
      const rstCode = await new Promise<number>((resolve) =>
        request.on('close', () => resolve(request.rstCode)),
      );

      // Assert
      expect(rstCode).toBe(http2.constants.NGHTTP2_INTERNAL_ERROR);
    } finally {
      session.close();
    }
  });

  it('marks an HTTP/1.1 request aborted when the client times out on a stall', async () => {
    emulator.setFaults([{ kind: 'stall' }]);
    const client = runtimeClient(emulator, {
      maxAttempts: 1,
      // NodeHttpHandler only warns on requestTimeout unless throwOnRequestTimeout is set (@smithy/node-http-handler 4.14).
      requestHandler: new NodeHttpHandler({ requestTimeout: 150, throwOnRequestTimeout: true }),
    });

    await rejectionOf(client.send(new ConverseCommand(converseInput(HAIKU_3, 'x'))));

    const records = await eventually(
      () => emulator.requests,
      (all) => all.length === 1 && all[0]!.done,
    );
    expect(records).toMatchObject([{ protocol: '1.1', aborted: true }]);
  });

  it('serves concurrent calls multiplexed on one HTTP/2 session', async () => {
    const client = runtimeClient(emulator, { requestHandler: { disableConcurrentStreams: false } });

    const outputs = await Promise.all(
      ['one', 'two', 'three', 'four'].map((text) =>
        client.send(new ConverseCommand(converseInput(HAIKU_3, text))),
      ),
    );

    expect(outputs.map((o) => o.$metadata.httpStatusCode)).toEqual([200, 200, 200, 200]);
    expect(emulator.requests.every((r) => r.protocol === '2.0')).toBe(true);
  });
});
