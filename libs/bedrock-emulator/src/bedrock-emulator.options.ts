import type { CatalogModel } from '@app/bedrock';
import type { FaultRule } from './faults/fault-rule';
import type { KnowledgeBaseService } from './knowledge-bases/knowledge-base.types';
import type { ModelBehaviour } from './models/model-behaviour.types';
import type { ScriptRule } from './scripts/script-rule';

export interface BedrockEmulatorOptions {
  /**
   * Region of a call whose authorization names none (a bearer token), and of the knowledge bases (default
   * `us-east-1`). A SigV4 call is made in its credential scope's region, whatever this says.
   */
  region?: string;
  /** Latency added to every Bedrock request, in ms (default 0). */
  latencyMs?: number;
  /** Fault rules active from the start (see `FaultRule`). */
  faults?: FaultRule[];
  /** Scripted responses file (JSON, or YAML for any other extension). */
  scriptFile?: string;
  /** Scripted responses given inline; applied after those from `scriptFile`. */
  scripts?: ScriptRule[];
  /** Folders of knowledge bases, on top of the sample `KBGENERAL1`. */
  kbDirs?: string[];
  /** Foundation-model ids that answer 404 "reached the end of its life" (§4.3). */
  endOfLife?: string[];
  /** Replaces the deterministic model behaviour. */
  behaviour?: ModelBehaviour;
  /**
   * Replaces the folder-backed knowledge bases (then `kbDirs` is ignored, and so are `endOfLife` and `models`
   * for RetrieveAndGenerate: a `KnowledgeBases` given here uses its own). Leave it out to have `start` load
   * `kbDirs` with this emulator's settings.
   */
  knowledgeBases?: KnowledgeBaseService;
  /** Replaces the catalog's models (default: `CATALOG_DATA.models`). */
  models?: CatalogModel[];
  /** How many requests the log keeps (default 1000). */
  requestLogSize?: number;
  /** Called with unexpected errors (answered as 500); default writes to stderr. */
  onInternalError?: (error: unknown) => void;
}

export interface EmulatorStartOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}
