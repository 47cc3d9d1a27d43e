/**
 * Creates an API key for a tenant of the gateway config: prints the key once on stdout and writes only
 * its SHA-256 hash into the YAML file (comments and layout preserved, file replaced atomically).
 *
 *   node -r @swc-node/register scripts/create-key.ts --config gateway.yaml --tenant search \
 *     [--role admin|user] [--key-id ci-2025] [--create-tenant] [--tenant-name "Search team"]
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lock } from 'proper-lockfile';
import { addKeyToConfig, generateApiKey, hashApiKey } from '@app/governance';

const USAGE =
  'usage: create-key --config <file> --tenant <id> [--role admin|user] [--key-id <id>] [--create-tenant] [--tenant-name <name>]';

/**
 * Concurrent runs on one config take turns: each waits (about 30 s at most, far longer than one
 * read-modify-write) for `<file>.lock`, a folder beside the config's real file, so none reads the
 * file while another is replacing it and no key is lost. A lock left by a killed run is taken over once 10 s old.
 */
const LOCK_OPTIONS = {
  realpath: false, // a new config does not exist yet
  stale: 10_000,
  retries: { retries: 60, factor: 1.2, minTimeout: 20, maxTimeout: 500, randomize: true },
};

interface Request {
  config: string;
  tenant: string;
  role: 'admin' | 'user';
  keyId?: string;
  createTenant: boolean;
  tenantName?: string;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      tenant: { type: 'string' },
      role: { type: 'string', default: 'user' },
      'key-id': { type: 'string' },
      'create-tenant': { type: 'boolean', default: false },
      'tenant-name': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { config, tenant, role } = values;
  if (!config || !tenant || (role !== 'admin' && role !== 'user')) {
    const mistake = !config
      ? '--config is required'
      : !tenant
        ? '--tenant is required'
        : `--role must be admin or user, not ${JSON.stringify(role)}`;
    process.stderr.write(`${mistake}\n${USAGE}\n`);
    return 2;
  }
  const request: Request = {
    config,
    tenant,
    role,
    keyId: values['key-id'],
    createTenant: values['create-tenant'],
    tenantName: values['tenant-name'],
  };
  // A symlinked config (kept in another folder or repository, a deploy tool's `current` link) is changed
  // where it lives: renaming over the link would replace the link by a copy and leave the real file
  // without the key. The lock is the real file's, so runs through the link and through the file take turns.
  const target = realTarget(request.config);
  const release = await lockConfig(target);
  try {
    return addKey(request, target);
  } finally {
    await release();
  }
}

/** Reads, changes and replaces the config's real file `target`; only ever called under its lock. */
function addKey(request: Request, target: string): number {
  const { config, role } = request;
  const exists = existsSync(target);
  if (exists && statSync(target).isDirectory()) {
    process.stderr.write(`${config} is a folder; --config names the gateway config file (gateway.yaml)\n`);
    return 1;
  }
  const text = exists ? readFileSync(target, 'utf8') : '';
  if (!exists && !request.createTenant) {
    process.stderr.write(`${config} does not exist; pass --create-tenant to start a new config\n`);
    return 1;
  }
  const key = generateApiKey();
  const result = addKeyToConfig(text, config, {
    tenantId: request.tenant,
    hash: hashApiKey(key),
    role,
    keyId: request.keyId,
    createTenant: request.createTenant,
    tenantName: request.tenantName,
  });
  // Replaced atomically, keeping the file's permissions and owner (the gateway's user must still read
  // it); a new file is readable by its owner only.
  const existing = exists ? statSync(target) : null;
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, result.text, { mode: 0o600 });
  if (existing) {
    chmodSync(temporary, existing.mode & 0o777);
    keepOwner(temporary, existing.uid, existing.gid);
  }
  renameSync(temporary, target);
  process.stderr.write(
    `Created key ${result.keyId} (${role}) for tenant ${request.tenant} in ${config}.\n` +
      'The key is printed once below and stored nowhere: keep it in your secret store now.\n',
  );
  process.stdout.write(`${key}\n`);
  return 0;
}

/**
 * The file a config path names once every symbolic link is followed, also a dangling link's target
 * (a new config created through a link); the path itself when nothing is there.
 */
function realTarget(config: string): string {
  let path = resolve(config);
  for (let hop = 0; hop < 40; hop++) {
    if (existsSync(path)) return realpathSync(path);
    let link: string;
    try {
      link = readlinkSync(path);
    } catch {
      return path; // nothing there: a new config
    }
    path = resolve(dirname(path), link);
  }
  throw new Error(`${config}: too many levels of symbolic links`);
}

async function lockConfig(config: string): Promise<() => Promise<void>> {
  try {
    return await lock(config, LOCK_OPTIONS);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    throw new Error(
      `${config} stayed locked by another create-key run (${config}.lock); try again, or remove that ` +
        'folder if no run is left.',
    );
  }
}

/** The original owner, where this user may set it (root may; others can only keep their own). */
function keepOwner(path: string, uid: number, gid: number): void {
  try {
    chownSync(path, uid, gid);
  } catch {
    // Not permitted: the file stays this user's, with the original mode.
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
