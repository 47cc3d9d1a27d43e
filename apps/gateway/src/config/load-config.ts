import { KnowledgeBases } from '@app/bedrock-emulator';
import { statSync } from 'node:fs';
import { ConfigError } from './config-error';
import { ENV_SCHEMA } from './env.schema';
import { GatewayConfig, toGatewayConfig } from './gateway-config';

/** Validates the environment once, at boot, and fails fast with messages naming each bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv): GatewayConfig {
  const parsed = ENV_SCHEMA.safeParse(stripEmpty(environment));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && !env.BEDROCK_BACKEND) {
    throw new ConfigError(
      'BEDROCK_BACKEND: must be set in production (`aws` for real Bedrock). Production never answers from the emulator silently.',
    );
  }
  const kbDir = env.BEDROCK_LOCAL_KB_DIR;
  if (kbDir && (env.BEDROCK_BACKEND ?? 'local') === 'local') checkKnowledgeBaseFolder(kbDir);
  return toGatewayConfig(env);
}

/**
 * Checked here, so a mistyped folder or a bad file in it is one line naming the variable and the file, not
 * a stack from the emulator starting inside Nest; only the embedded emulator reads it. The emulator reads
 * the folder again when it starts, to index it: a few milliseconds for the sample's 35 documents.
 */
function checkKnowledgeBaseFolder(kbDir: string): void {
  if (!isFolder(kbDir)) throw new ConfigError(`BEDROCK_LOCAL_KB_DIR: ${kbDir} is not a folder`);
  try {
    KnowledgeBases.check({ dirs: [kbDir] });
  } catch (error) {
    throw new ConfigError(`BEDROCK_LOCAL_KB_DIR: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** Treats `VAR=` (or blanks only) like an unset variable, as most deployment tools do. */
function stripEmpty(environment: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(environment)) {
    if (value !== undefined && value.trim() !== '') result[key] = value;
  }
  return result;
}
