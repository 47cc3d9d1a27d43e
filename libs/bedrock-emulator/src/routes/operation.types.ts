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

export interface RouteMatch {
  operation: BedrockOperation;
  service: BedrockService;
  /** The decoded path label: model id, knowledge-base id, model or profile identifier. */
  resourceId?: string;
}
