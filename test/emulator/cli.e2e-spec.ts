import { ChildProcess, spawn } from 'node:child_process';
import { ListFoundationModelsCommand, BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockAgentRuntimeClient, RetrieveAndGenerateCommand } from '@aws-sdk/client-bedrock-agent-runtime';
import { CREDENTIALS, HAIKU_3, REGION, rejectionOf } from './support/emulator-harness';

const ROOT = `${__dirname}/../..`;

/** Starts the CLI exactly as `npm run bedrock-local` does and waits for its one line of output. */
function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/bedrock-local/src/main.ts', ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    });
    child.on('exit', (code) => reject(new Error(`bedrock-local exited with ${code}: ${output}${errors}`)));
  });
}

describe('bedrock-local CLI', () => {
  it('prints its URL, serves the real SDK, and exits 0 on SIGTERM', async () => {
    const { child, url } = await startCli(['--port', '0', '--latency-ms', '0']);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const output = await new BedrockClient({ region: REGION, endpoint: url, credentials: CREDENTIALS }).send(
      new ListFoundationModelsCommand({}),
    );
    child.kill('SIGTERM');

    expect(output.modelSummaries!.length).toBeGreaterThan(0);
    expect(await exited).toBe(0);
  });

  it("prints each knowledge base's id, which a gateway's KNOWLEDGE_BASES names", async () => {
    const { child, output } = await startCli(['--port', '0']);
    const exited = new Promise((resolve) => child.on('exit', resolve));

    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (/\nknowledge base /.test(output())) resolve(clearInterval(poll));
      }, 20);
    });
    child.kill('SIGTERM');
    await exited;

    expect(output()).toMatch(/^knowledge base KBGENERAL1 \(general\): \d+ document\(s\)$/m);
  });

  it("answers RetrieveAndGenerate with an --end-of-life model by the runtime's 404", async () => {
    // Arrange
    const { child, url } = await startCli(['--port', '0', '--end-of-life', HAIKU_3]);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const client = new BedrockAgentRuntimeClient({ region: REGION, endpoint: url, credentials: CREDENTIALS });
    // Act
    const answered = client.send(
      new RetrieveAndGenerateCommand({
        input: { text: 'How many days of annual leave do I get?' },
        retrieveAndGenerateConfiguration: {
          type: 'KNOWLEDGE_BASE',
          knowledgeBaseConfiguration: {
            knowledgeBaseId: 'KBGENERAL1',
            modelArn: `arn:aws:bedrock:${REGION}::foundation-model/${HAIKU_3}`,
          },
        },
      }),
    );
    const error = await rejectionOf(answered).finally(() => child.kill('SIGTERM'));
    await exited;
    // Assert
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 404 });
    expect(error.message).toBe(
      'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
    );
  });

  it('refuses an --end-of-life that is not a foundation id, which would flip nothing, naming the one meant', async () => {
    // A CLI that starts anyway is stopped here, so the test fails instead of leaving it running.
    const outcome = await startCli(['--port', '0', '--end-of-life', 'claude-3-haiku']).then(
      ({ child }) => `started (${String(child.kill('SIGTERM'))})`,
      (error: Error) => error.message,
    );

    expect(outcome).toContain(
      `exited with 1: bedrock-local: End-of-life model "claude-3-haiku" is not a foundation model id of the catalog: did you mean ${HAIKU_3}?`,
    );
  });

  it('takes --fault rules in the header syntax, active from the start, and names a bad one', async () => {
    // Arrange: the control plane throttled twice, every call of the runtime untouched
    const { child, url } = await startCli([
      '--port',
      '0',
      '--fault',
      'throttle;operation=ListFoundationModels;times=2',
    ]);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const client = new BedrockClient({
      region: REGION,
      endpoint: url,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
    // Act
    const first = await rejectionOf(client.send(new ListFoundationModelsCommand({})));
    const second = await rejectionOf(client.send(new ListFoundationModelsCommand({})));
    const third = await client.send(new ListFoundationModelsCommand({})).finally(() => child.kill('SIGTERM'));
    await exited;
    const refused = await startCli(['--port', '0', '--fault', 'throttle;operation=converse']).then(
      ({ child: started }) => `started (${String(started.kill('SIGTERM'))})`,
      (error: Error) => error.message,
    );
    // Assert
    expect([first.name, second.name]).toEqual(['ThrottlingException', 'ThrottlingException']);
    expect(third.modelSummaries!.length).toBeGreaterThan(0);
    expect(refused).toContain('exited with 1: bedrock-local: --fault "throttle;operation=converse": ');
  });

  it('rejects a bad flag value with exit code 1', async () => {
    await expect(startCli(['--port', 'abc'])).rejects.toThrow(/exited with 1/);
  });
});
