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

const AGENT_RUNTIME_OPERATIONS: ReadonlySet<BedrockOperation> = new Set(['Retrieve', 'RetrieveAndGenerate']);
const CONTROL_PLANE_OPERATIONS: ReadonlySet<BedrockOperation> = new Set([
  'ListFoundationModels',
  'GetFoundationModel',
  'ListInferenceProfiles',
  'GetInferenceProfile',
]);

/** The service whose model an operation belongs to (§4.2 lists errors per service). */
export function serviceOf(operation: BedrockOperation): BedrockService {
  if (AGENT_RUNTIME_OPERATIONS.has(operation)) return 'agent-runtime';
  if (CONTROL_PLANE_OPERATIONS.has(operation)) return 'control-plane';
  return 'runtime';
}

export interface RouteMatch {
  operation: BedrockOperation;
  service: BedrockService;
  /** The decoded path label: model id, knowledge-base id, model or profile identifier. */
  resourceId?: string;
}
