import type { CatalogModel } from '@app/bedrock';
import type { InvokeOutcome, InvokeStreamOutcome } from '../model-behaviour.types';
import { DeterministicModelBehaviour } from '../model-behaviour';

/** Runs one body through InvokeModel and InvokeModelWithResponseStream with the same request id. */
export function invokeBoth(
  model: CatalogModel,
  body: unknown,
  scriptedText?: string,
): { blocking: InvokeOutcome; stream: InvokeStreamOutcome } {
  const behaviour = new DeterministicModelBehaviour(() => 1_732_582_566_000);
  const context = { requestId: 'req-1', ...(scriptedText === undefined ? {} : { scriptedText }) };
  return {
    blocking: behaviour.invoke(model, body, context),
    stream: behaviour.invokeStream(model, body, context),
  };
}
