import { ChildProcess, spawn } from 'node:child_process';
import { ListFoundationModelsCommand, BedrockClient } from '@aws-sdk/client-bedrock';
import { CREDENTIALS, REGION } from './support/emulator-harness';

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
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    });
    child.on('exit', (code) => reject(new Error(`bedrock-local exited with ${code}: ${output}`)));
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

  it('rejects a bad flag value with exit code 1', async () => {
    await expect(startCli(['--port', 'abc'])).rejects.toThrow(/exited with 1/);
  });
});
