import { SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { MODEL_ROUTE_CONFIG } from '../common/http/model-route';
import { GOVERNED_ROUTE } from './governance-route.constants';
import { ModelPolicyInterceptor } from './model-policy.interceptor';
import type { GovernedRouteOptions } from './model-policy.service';

/**
 * Puts a model route under the policy chain (allow-lists, PII, rate, budget, settlement). Goes on the
 * handler, below a class- or method-level `@UseInterceptors(UsageInterceptor)`; the boot-time route
 * audit refuses any route that records model usage without it.
 */
export const GovernedModelRoute = (options: Partial<GovernedRouteOptions> = {}) =>
  applyDecorators(
    SetMetadata(GOVERNED_ROUTE, { knowledgeBase: options.knowledgeBase ?? false }),
    UseInterceptors(ModelPolicyInterceptor),
    RouteConfig(MODEL_ROUTE_CONFIG),
  );
