import type { ResolvedModel } from '@app/bedrock';

/**
 * RetrieveAndGenerate's `modelArn` (bedrock-wire.md §5.2): an ARN the caller gave is sent as is; a model
 * that needs an inference profile is named by its profile id (`us.anthropic…`, accepted in place of an
 * ARN); an on-demand model by its foundation-model ARN in the knowledge base's region and partition.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_KnowledgeBaseRetrieveAndGenerateConfiguration.html
 */
export function generationModelArn(model: ResolvedModel, region: string): string {
  if (model.invokeId.startsWith('arn:')) return model.invokeId;
  if (model.viaProfile !== null) return model.invokeId;
  return `arn:${partitionOf(region)}:bedrock:${region}::foundation-model/${model.invokeId}`;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
