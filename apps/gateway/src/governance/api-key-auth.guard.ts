import { UsageSink } from '@app/bedrock';
import {
  GovernanceService,
  isPolicyDenial,
  keyOwnerOf,
  type KeyOwner,
  type PolicyDenial,
  type Principal,
} from '@app/governance';
import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ADMIN_ROUTE, PUBLIC_ROUTE } from '../common/auth/auth.constants';
import type { AdminRouteMetadata } from '../common/auth/auth.decorators';
import { GatewayConfig } from '../config/gateway-config';
import { guardDenialEvent } from './denial-usage';
import type { GovernedRequest } from './governed-request';

/**
 * Global guard (APP_GUARD): every route but `@Public()` ones needs a valid key (constant-time check in
 * the KeyRing); `@AdminOnly(flag)` routes need an admin key unless the flag is set in the env.
 * Sets `request.principal`. With authentication off (local mode, no keys) everyone is the anonymous admin.
 * A refusal is recorded as a `denied` usage event here: the usage interceptor never sees it.
 */
@Injectable()
export class ApiKeyAuthGuard implements CanActivate {
  private readonly logger = new Logger('ApiKeyAuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly governance: GovernanceService,
    private readonly config: GatewayConfig,
    private readonly usage: UsageSink,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<GovernedRequest>();
    let principal: Principal | undefined;
    try {
      principal = this.governance.authenticate(keyHeaders(request));
      const admin = this.reflector.getAllAndOverride<AdminRouteMetadata | undefined>(ADMIN_ROUTE, targets);
      if (admin && !(admin.unlessFlag && this.config.env[admin.unlessFlag])) {
        this.governance.requireAdmin(principal);
      }
    } catch (error) {
      if (isPolicyDenial(error)) {
        this.recordDenial(request, error, principal ? keyOwnerOf(principal) : error.refusedKey);
      }
      throw error;
    }
    request.principal = principal;
    return true;
  }

  private recordDenial(request: GovernedRequest, denial: PolicyDenial, who: KeyOwner | undefined): void {
    try {
      this.usage.record(guardDenialEvent(request, denial, who));
    } catch (error) {
      this.logger.error({ err: error, requestId: request.id }, 'could not record a denied request');
    }
  }
}

/**
 * The request's headers, with every `Authorization` and `x-api-key` it carried: Node keeps only the
 * first `Authorization`, which would silently win over a second key, and joins repeated `x-api-key`
 * values with ", " into no key at all (the library compares the keys they carry, extract-api-key.ts).
 */
function keyHeaders(request: GovernedRequest): GovernedRequest['headers'] {
  const raw = request.raw?.rawHeaders ?? [];
  const authorization: string[] = [];
  const apiKey: string[] = [];
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index]!.toLowerCase();
    if (name === 'authorization') authorization.push(raw[index + 1]!);
    else if (name === 'x-api-key') apiKey.push(raw[index + 1]!);
  }
  if (authorization.length < 2 && apiKey.length < 2) return request.headers;
  return { ...request.headers, authorization, 'x-api-key': apiKey };
}
