import type { ControlPlaneService } from '../control-plane/control-plane.service';
import type { ControlPlaneOperation } from '../routes/operation.types';
import type { FaultGate } from './fault-gate';
import type { RequestContext } from './request-context';

/** The bedrock control plane (§6): GET requests answered from the catalog. */
export class ControlPlaneHandler {
  constructor(
    private readonly service: ControlPlaneService,
    private readonly gate: FaultGate,
  ) {}

  async handle(context: RequestContext, operation: ControlPlaneOperation): Promise<void> {
    const { query } = context.exchange;
    const { region } = context;
    if (context.route.resourceId !== undefined) context.record.modelId = context.route.resourceId;
    const plan = await this.gate.pass(context, {
      modelIds: context.route.resourceId === undefined ? [] : [context.route.resourceId],
      prompt: '',
    });
    if (!plan) return;
    switch (operation) {
      case 'ListFoundationModels':
        return context.sendJson(200, this.service.listFoundationModels(query, region));
      case 'GetFoundationModel':
        return context.sendJson(200, this.service.getFoundationModel(context.resourceId, region));
      case 'ListInferenceProfiles':
        return context.sendJson(200, this.service.listInferenceProfiles(query, region));
      case 'GetInferenceProfile':
        return context.sendJson(200, this.service.getInferenceProfile(context.resourceId, region));
    }
  }
}
