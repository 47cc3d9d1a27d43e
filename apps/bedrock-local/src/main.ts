import { BedrockEmulator, parseFaultHeader, type FaultRule } from '@app/bedrock-emulator';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: bedrock-local [--port <n>] [--host 127.0.0.1] [--region us-east-1] [--kb-dir <dir>]... ' +
  '[--latency-ms <n>] [--script-file <file>] [--end-of-life <foundation-model-id>]... [--fault <rules>]...';

/** `--fault` rules, in the `x-bedrock-local-fault` header's syntax, active from the start for every request. */
function faultsOf(raw: readonly string[] | undefined): FaultRule[] {
  return (raw ?? []).flatMap((rules) => {
    try {
      return parseFaultHeader(rules);
    } catch (error) {
      throw new Error(`--fault "${rules}": ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

function nonNegativeInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** Thin CLI over BedrockEmulator: parse flags, start, print the URL, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      region: { type: 'string' },
      'kb-dir': { type: 'string', multiple: true },
      'latency-ms': { type: 'string' },
      'script-file': { type: 'string' },
      'end-of-life': { type: 'string', multiple: true },
      fault: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // The emulator loads the knowledge bases itself, at start, with its own region, models and end-of-life list.
  const emulator = new BedrockEmulator({
    region: values.region ?? 'us-east-1',
    latencyMs: nonNegativeInteger('latency-ms', values['latency-ms'], 0),
    kbDirs: values['kb-dir'] ?? [],
    endOfLife: values['end-of-life'] ?? [],
    faults: faultsOf(values.fault),
    ...(values['script-file'] === undefined ? {} : { scriptFile: values['script-file'] }),
  });
  const host = values.host ?? '127.0.0.1';
  await emulator.start({ port: nonNegativeInteger('port', values.port, 8787), host });
  console.log(`listening on ${emulator.url}`);
  // A knowledge base's id is what a gateway's KNOWLEDGE_BASES names: say it, kb.json or not.
  for (const kb of emulator.listKnowledgeBases())
    console.log(`knowledge base ${kb.id} (${kb.name}): ${kb.documents} document(s)`);

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(`bedrock-local: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(1);
});
