import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DockerInstruction, readDockerfile, ROOT } from './support/deployment-files';

// No Docker engine runs here: these checks read the Dockerfile and verify what the image will be.
describe('Dockerfile', () => {
  const instructions = readDockerfile();
  const args = Object.fromEntries(
    instructions
      .filter((instruction) => instruction.keyword === 'ARG' && instruction.args.includes('='))
      .map((instruction) => instruction.args.split('=', 2) as [string, string]),
  );
  const resolveArgs = (text: string): string =>
    text.replace(/\$\{?([A-Z_]+)\}?/g, (whole, name: string) => args[name] ?? whole);
  const froms = instructions.filter((instruction) => instruction.keyword === 'FROM');
  const finalStage = froms.length - 1;
  const inFinal = (keyword: string): DockerInstruction[] =>
    instructions.filter((instruction) => instruction.stage === finalStage && instruction.keyword === keyword);

  it('is multi-stage, every stage on Node 20 slim', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) {
      expect(resolveArgs(from.args)).toMatch(/^node:20(\.[\d.]+)?-(bookworm-|bullseye-)?slim\b/);
    }
  });

  it('builds in one stage and installs production dependencies only for the runtime', () => {
    const runs = instructions.filter((instruction) => instruction.keyword === 'RUN');

    expect(runs.some((run) => run.args.includes('npm run build') && run.stage < finalStage)).toBe(true);
    expect(runs.some((run) => /npm ci\b.*--omit=dev/.test(run.args))).toBe(true);
    expect(
      inFinal('COPY').some((copy) => copy.args.includes('--from=') && copy.args.includes('node_modules')),
    ).toBe(true);
    expect(inFinal('RUN').every((run) => !/npm (ci|install)/.test(run.args))).toBe(true);
  });

  it('compiles native modules only where the toolchain is installed', () => {
    const runs = instructions.filter((instruction) => instruction.keyword === 'RUN');
    const toolchainStages = new Set(
      runs.filter((run) => /apt-get install.*\bg\+\+/.test(run.args)).map((run) => run.stage),
    );
    const installs = runs.filter((run) => /npm ci\b/.test(run.args));

    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) {
      expect(toolchainStages.has(install.stage) || install.args.includes('--ignore-scripts')).toBe(true);
    }
  });

  it('runs as a non-root user', () => {
    const user = inFinal('USER').pop()?.args;

    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
  });

  it('checks /health/live and starts the built gateway', () => {
    const healthcheck = inFinal('HEALTHCHECK').pop()?.args ?? '';
    const command = inFinal('CMD').pop()?.args ?? '';

    expect(healthcheck).toContain('/health/live');
    expect(healthcheck).toMatch(/--interval=\d+s/);
    expect(JSON.parse(command)).toEqual(['node', 'dist/apps/gateway/main.js']);
    expect(inFinal('EXPOSE').map((expose) => expose.args)).toContain('3000');
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = readFileSync(resolve(ROOT, '.dockerignore'), 'utf8').split('\n');

    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.git', '.env']));
  });
});
