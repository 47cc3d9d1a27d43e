/**
 * Creates an API key for a tenant of the gateway config: prints the key once on stdout and writes only
 * its SHA-256 hash into the YAML file (comments and layout preserved, file replaced atomically).
 *
 *   node -r @swc-node/register scripts/create-key.ts --config gateway.yaml --tenant search \
 *     [--role admin|user] [--key-id ci-2025] [--create-tenant] [--tenant-name "Search team"]
 */
import { chmodSync, chownSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addKeyToConfig, generateApiKey, hashApiKey } from '@app/governance';

const USAGE =
  'usage: create-key --config <file> --tenant <id> [--role admin|user] [--key-id <id>] [--create-tenant] [--tenant-name <name>]';

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      tenant: { type: 'string' },
      role: { type: 'string', default: 'user' },
      'key-id': { type: 'string' },
      'create-tenant': { type: 'boolean', default: false },
      'tenant-name': { type: 'string' },
    },
    strict: true,
  });
  const role = values.role;
  if (!values.config || !values.tenant || (role !== 'admin' && role !== 'user')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const exists = existsSync(values.config);
  const text = exists ? readFileSync(values.config, 'utf8') : '';
  if (!exists && !values['create-tenant']) {
    process.stderr.write(`${values.config} does not exist; pass --create-tenant to start a new config\n`);
    return 1;
  }
  const key = generateApiKey();
  const result = addKeyToConfig(text, values.config, {
    tenantId: values.tenant,
    hash: hashApiKey(key),
    role,
    keyId: values['key-id'],
    createTenant: values['create-tenant'],
    tenantName: values['tenant-name'],
  });
  // Replaced atomically, keeping the file's permissions and owner (the gateway's user must still read
  // it); a new file is readable by its owner only.
  const existing = exists ? statSync(values.config) : null;
  const temporary = `${values.config}.${process.pid}.tmp`;
  writeFileSync(temporary, result.text, { mode: 0o600 });
  if (existing) {
    chmodSync(temporary, existing.mode & 0o777);
    keepOwner(temporary, existing.uid, existing.gid);
  }
  renameSync(temporary, values.config);
  process.stderr.write(
    `Created key ${result.keyId} (${role}) for tenant ${values.tenant} in ${values.config}.\n` +
      'The key is printed once below and stored nowhere: keep it in your secret store now.\n',
  );
  process.stdout.write(`${key}\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

/** The original owner, where this user may set it (root may; others can only keep their own). */
function keepOwner(path: string, uid: number, gid: number): void {
  try {
    chownSync(path, uid, gid);
  } catch {
    // Not permitted: the file stays this user's, with the original mode.
  }
}
