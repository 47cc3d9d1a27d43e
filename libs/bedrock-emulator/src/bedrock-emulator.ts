import { CATALOG_DATA } from '@app/bedrock';
import type { BedrockEmulatorOptions, EmulatorStartOptions } from './bedrock-emulator.options';
import { ControlPlaneService } from './control-plane/control-plane.service';
import { FaultRegistry } from './faults/fault-registry';
import type { FaultRule } from './faults/fault-rule';
import { AdminHandler } from './handlers/admin.handler';
import { AgentRuntimeHandler } from './handlers/agent-runtime.handler';
import { ControlPlaneHandler } from './handlers/control-plane.handler';
import type { EmulatorControl } from './handlers/emulator-control';
import { EmulatorDispatcher } from './handlers/emulator-dispatcher';
import { FaultGate } from './handlers/fault-gate';
import { RuntimeHandler } from './handlers/runtime.handler';
import type { KnowledgeBaseService } from './knowledge-bases/knowledge-base.types';
import { KnowledgeBases, type KnowledgeBaseSummary } from './knowledge-bases/knowledge-bases';
import { ModelIdResolver } from './model-resolution/model-id-resolver';
import { DeterministicModelBehaviour } from './models/model-behaviour';
import { RequestLog } from './request-log/request-log';
import type { RequestRecord } from './request-log/request-record';
import { ScriptBook } from './scripts/script-book';
import { loadScriptFile } from './scripts/script-file';
import type { ScriptRule } from './scripts/script-rule';
import { DualProtocolServer } from './server/dual-protocol-server';

/**
 * bedrock-local: a wire-compatible local AWS Bedrock (runtime, agent runtime, control plane) on one
 * port speaking h2c and HTTP/1.1, for the real AWS SDK clients on their default handlers.
 */
export class BedrockEmulator implements EmulatorControl {
  readonly region: string;
  private readonly registry = new FaultRegistry();
  private readonly scriptBook = new ScriptBook();
  private readonly log: RequestLog;
  private readonly server: DualProtocolServer;
  private knowledgeBases: KnowledgeBaseService | undefined;
  private boundPort: number | undefined;
  private boundHost = '127.0.0.1';

  constructor(private readonly options: BedrockEmulatorOptions = {}) {
    this.region = options.region ?? 'us-east-1';
    this.log = new RequestLog(options.requestLogSize ?? 1000);
    this.knowledgeBases = options.knowledgeBases;
    this.reset();
    const models = options.models ?? CATALOG_DATA.models;
    const resolver = new ModelIdResolver(models, new Set(options.endOfLife ?? []));
    const gate = new FaultGate(this.registry, () => options.latencyMs ?? 0);
    const dispatcher = new EmulatorDispatcher({
      runtime: new RuntimeHandler(
        resolver,
        options.behaviour ?? new DeterministicModelBehaviour(),
        this.scriptBook,
        gate,
      ),
      agentRuntime: new AgentRuntimeHandler(() => this.knowledgeBases, gate),
      controlPlane: new ControlPlaneHandler(
        // An --end-of-life model has no real date; it has been past its end since this emulator started.
        new ControlPlaneService(models, resolver, new Date().toISOString()),
        gate,
      ),
      admin: new AdminHandler(this),
      log: this.log,
      region: this.region,
      onInternalError:
        options.onInternalError ?? ((error) => console.error('bedrock-local internal error:', error)),
    });
    this.server = new DualProtocolServer(dispatcher.handle);
  }

  /** Loads the knowledge bases (unless injected) and listens. Resolves once the port is bound. */
  async start(options: EmulatorStartOptions = {}): Promise<void> {
    this.knowledgeBases ??= await KnowledgeBases.load({
      dirs: this.options.kbDirs ?? [],
      region: this.region,
      ...(this.options.models === undefined ? {} : { models: this.options.models }),
      endOfLife: this.options.endOfLife ?? [],
    });
    this.boundHost = options.host ?? '127.0.0.1';
    this.boundPort = await this.server.listen(options.port ?? 0, this.boundHost);
  }

  /**
   * The knowledge bases served, once started: the ones loaded from `kbDirs` (and the sample), or an injected
   * `KnowledgeBases`; [] for any other injected service, which has no list.
   */
  listKnowledgeBases(): KnowledgeBaseSummary[] {
    return this.knowledgeBases instanceof KnowledgeBases ? this.knowledgeBases.list() : [];
  }

  /** Closes the port and every open connection at once (stalled requests included). */
  async stop(): Promise<void> {
    await this.server.close();
    this.boundPort = undefined;
  }

  get port(): number {
    if (this.boundPort === undefined) throw new Error('BedrockEmulator is not started');
    return this.boundPort;
  }

  /** `http://<host>:<port>` (IPv6 hosts bracketed), for the SDK's `endpoint`. */
  get url(): string {
    const host = this.boundHost.includes(':') ? `[${this.boundHost}]` : this.boundHost;
    return `http://${host}:${this.port}`;
  }

  get requests(): RequestRecord[] {
    return this.log.all();
  }

  clearRequests(): void {
    this.log.clear();
  }

  get faults(): FaultRule[] {
    return this.registry.list();
  }

  /** Replaces the fault rules (their counters start again). */
  setFaults(rules: FaultRule[]): void {
    this.registry.set(rules);
  }

  addFaults(rules: FaultRule[]): void {
    this.registry.add(rules);
  }

  clearFaults(): void {
    this.registry.set([]);
  }

  get scripts(): ScriptRule[] {
    return this.scriptBook.list();
  }

  setScripts(rules: ScriptRule[]): void {
    this.scriptBook.set(rules);
  }

  loadScriptFile(path: string): void {
    this.scriptBook.set(loadScriptFile(path));
  }

  /** Faults and scripts back to the constructor options (fresh counters), request log emptied. */
  reset(): void {
    this.registry.set(this.options.faults ?? []);
    const fromFile = this.options.scriptFile ? loadScriptFile(this.options.scriptFile) : [];
    this.scriptBook.set([...fromFile, ...(this.options.scripts ?? [])]);
    this.log.clear();
  }
}
