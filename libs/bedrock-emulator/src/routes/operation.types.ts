/** Every Bedrock operation the emulator answers, named as in the AWS service models. */
export type RuntimeOperation =
  'InvokeModel' | 'InvokeModelWithResponseStream' | 'Converse' | 'ConverseStream';
export type AgentRuntimeOperation = 'Retrieve' | 'RetrieveAndGenerate';
export type ControlPlaneOperation =
  'ListFoundationModels' | 'GetFoundationModel' | 'ListInferenceProfiles' | 'GetInferenceProfile';
export type BedrockOperation = RuntimeOperation | AgentRuntimeOperation | ControlPlaneOperation;

/** Every operation by name: what a fault rule's `operation` may say (a misspelt one would never fire). */
export const BEDROCK_OPERATIONS = [
  'InvokeModel',
  'InvokeModelWithResponseStream',
  'Converse',
  'ConverseStream',
  'Retrieve',
  'RetrieveAndGenerate',
  'ListFoundationModels',
  'GetFoundationModel',
  'ListInferenceProfiles',
  'GetInferenceProfile',
] as const satisfies readonly BedrockOperation[];
/** Fails to compile when an operation is added to the types but not to the list. */
const EVERY_OPERATION_LISTED: Exclude<BedrockOperation, (typeof BEDROCK_OPERATIONS)[number]> extends never
  ? true
  : never = true;
void EVERY_OPERATION_LISTED;

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
