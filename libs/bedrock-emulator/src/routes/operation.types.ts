/** Every Bedrock operation the emulator answers, named as in the AWS service models. */
export type RuntimeOperation =
  'InvokeModel' | 'InvokeModelWithResponseStream' | 'Converse' | 'ConverseStream';
export type AgentRuntimeOperation = 'Retrieve' | 'RetrieveAndGenerate';
export type ControlPlaneOperation =
  'ListFoundationModels' | 'GetFoundationModel' | 'ListInferenceProfiles' | 'GetInferenceProfile';
export type BedrockOperation = RuntimeOperation | AgentRuntimeOperation | ControlPlaneOperation;

export type BedrockService = 'runtime' | 'agent-runtime' | 'control-plane';

export const STREAMING_OPERATIONS: ReadonlySet<BedrockOperation> = new Set([
  'InvokeModelWithResponseStream',
  'ConverseStream',
]);

/** The service whose model each operation belongs to (§4.2 lists errors per service). */
const SERVICE_OF: Readonly<Record<BedrockOperation, BedrockService>> = {
  InvokeModel: 'runtime',
  InvokeModelWithResponseStream: 'runtime',
  Converse: 'runtime',
  ConverseStream: 'runtime',
  Retrieve: 'agent-runtime',
  RetrieveAndGenerate: 'agent-runtime',
  ListFoundationModels: 'control-plane',
  GetFoundationModel: 'control-plane',
  ListInferenceProfiles: 'control-plane',
  GetInferenceProfile: 'control-plane',
};

/** Every operation by name: what a fault rule's `operation` may say (a misspelt one would never fire). */
export const BEDROCK_OPERATIONS = Object.keys(SERVICE_OF) as [BedrockOperation, ...BedrockOperation[]];

export function serviceOf(operation: BedrockOperation): BedrockService {
  return SERVICE_OF[operation];
}

export interface RouteMatch {
  operation: BedrockOperation;
  service: BedrockService;
  /** The decoded path label: model id, knowledge-base id, model or profile identifier. */
  resourceId?: string;
}
