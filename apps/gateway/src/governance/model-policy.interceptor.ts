import { CallRecord, callRecordOf } from '@app/bedrock';
import { isPolicyDenial, type BudgetDimension } from '@app/governance';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, finalize, tap } from 'rxjs';
import { markDenied } from './denial-usage';
import { GOVERNED_ROUTE, USAGE_METADATA } from './governance-route.constants';
import type { GovernedRequest } from './governed-request';
import { ModelPolicyService, type Admission, type GovernedRouteOptions } from './model-policy.service';

const CHAT_ROUTE: GovernedRouteOptions = { knowledgeBase: false };

/**
 * Applies the model policy chain around a model route (placed by `@GovernedModelRoute()`, inside the
 * UsageInterceptor): puts tenant and key on the call record, admits or refuses the request before the
 * validation pipe runs, and settles the reservations with the actual figures once the call is over.
 * A refusal is marked on the call record, so the usage interceptor records it as `denied`.
 */
@Injectable()
export class ModelPolicyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: ModelPolicyService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<GovernedRequest>();
    const principal = request.principal;
    // The auth guard sets it on every route that is not @Public(); the route audit refuses public model routes.
    if (!principal) throw new Error('a governed model route ran without an authenticated principal');
    const record = callRecordOf(request);
    record.tenant = principal.tenant.id;
    record.keyId = principal.keyId;
    record.logPrompts = principal.tenant.log_prompts;
    const options =
      this.reflector.get<GovernedRouteOptions | undefined>(GOVERNED_ROUTE, context.getHandler()) ??
      CHAT_ROUTE;
    let admission: Admission;
    try {
      admission = await this.policy.admit(principal, request.body, options, record);
    } catch (error) {
      if (isPolicyDenial(error)) markDenied(record, error);
      throw error;
    }
    const annotate = () => noteBreaches(record, admission.breaches);
    let failure: unknown;
    return next.handle().pipe(
      tap({ next: annotate, error: (error: unknown) => ((failure = error), annotate()) }),
      finalize(() => this.policy.settle(admission, record, failure)),
    );
  }
}

/** `warn`-mode budget breaches go into the usage record's metadata (the service sets the caller's first). */
function noteBreaches(record: CallRecord, breaches: readonly BudgetDimension[]): void {
  if (breaches.length === 0) return;
  record.metadata = { ...record.metadata, [USAGE_METADATA.budgetBreach]: breaches.join(',') };
}
