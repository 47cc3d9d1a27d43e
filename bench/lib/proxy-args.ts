import { parseArgs } from 'node:util';

/** `--port` and `--endpoint` (or PORT and BEDROCK_ENDPOINT_URL) of a reference proxy. */
export function proxyArgs(name: string): { port: number; endpoint: string } {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT },
      endpoint: { type: 'string', default: process.env.BEDROCK_ENDPOINT_URL },
    },
  });
  if (!values.port || !values.endpoint) throw new Error(`${name} needs --port and --endpoint`);
  return { port: Number(values.port), endpoint: values.endpoint };
}
