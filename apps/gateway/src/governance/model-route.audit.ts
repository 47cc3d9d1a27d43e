import { UsageInterceptor } from '@app/bedrock';
import { Injectable, OnModuleInit, type Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from '../common/auth/auth.constants';
import { GOVERNED_ROUTE } from './governance-route.constants';
import { ModelPolicyInterceptor } from './model-policy.interceptor';

/**
 * A model route that forgot `@GovernedModelRoute()` would call Bedrock with no allow-list, budget, rate
 * or PII check. Every route that records model usage (has the UsageInterceptor) must be governed, with
 * the policy inside the usage interceptor (so denials are recorded) and never `@Public()`.
 */
export function auditModelRoutes(
  controllers: readonly Type[],
  reflector: Reflector,
  scanner = new MetadataScanner(),
): string[] {
  const problems: string[] = [];
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    const classInterceptors = reflector.get<unknown[] | undefined>(INTERCEPTORS_METADATA, controller) ?? [];
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function' || reflector.get(PATH_METADATA, handler) === undefined) continue;
      const interceptors = [
        ...classInterceptors,
        ...(reflector.get<unknown[] | undefined>(INTERCEPTORS_METADATA, handler) ?? []),
      ];
      const usage = interceptors.indexOf(UsageInterceptor);
      const policy = interceptors.indexOf(ModelPolicyInterceptor);
      const route = `${controller.name}.${name}`;
      if (usage >= 0 && policy < 0) problems.push(`${route} calls a model without @GovernedModelRoute()`);
      if (policy >= 0 && usage < 0) problems.push(`${route} is governed but has no UsageInterceptor`);
      if (policy >= 0 && usage > policy)
        problems.push(`${route}: UsageInterceptor must come before the policy`);
      if (policy >= 0 && reflector.get(GOVERNED_ROUTE, handler) === undefined) {
        problems.push(`${route} uses ModelPolicyInterceptor directly; use @GovernedModelRoute()`);
      }
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [handler, controller]);
      if (policy >= 0 && isPublic) problems.push(`${route} is a model route and cannot be @Public()`);
    }
  }
  return problems;
}

/** Runs the audit over every controller at boot; the gateway refuses to start on any problem. */
@Injectable()
export class ModelRouteAudit implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const controllers = this.discovery
      .getControllers()
      .flatMap((wrapper) => (wrapper.metatype ? [wrapper.metatype as Type] : []));
    const problems = auditModelRoutes(controllers, this.reflector);
    if (problems.length > 0) throw new Error(`Ungoverned model routes:\n  ${problems.join('\n  ')}`);
  }
}
