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
 * The request's headers, with every `Authorization` it carried: Node keeps only the first, which would
 * silently win over a second key (the library compares the keys they carry, extract-api-key.ts).
 */
function keyHeaders(request: GovernedRequest): GovernedRequest['headers'] {
  const raw = request.raw?.rawHeaders ?? [];
  let sent: string[] | undefined;
  for (let index = 0; index < raw.length; index += 2) {
    if (raw[index]!.toLowerCase() === 'authorization') (sent ??= []).push(raw[index + 1]!);
  }
  return sent === undefined || sent.length < 2
    ? request.headers
    : { ...request.headers, authorization: sent };
}
