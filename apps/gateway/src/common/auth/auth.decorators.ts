import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '@app/governance';
import { ADMIN_ROUTE, PUBLIC_ROUTE } from './auth.constants';

/** Flags in config that open an admin route to every key (API.md: "unless configured public"). */
export type PublicFlag = 'USAGE_PUBLIC' | 'METRICS_PUBLIC';

/** The route needs no key (health probes). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The route needs an admin key, unless the given config flag makes it public. */
export const AdminOnly = (unlessFlag?: PublicFlag) =>
  SetMetadata(ADMIN_ROUTE, { unlessFlag: unlessFlag ?? null });

export interface AdminRouteMetadata {
  unlessFlag: PublicFlag | null;
}

interface RequestWithPrincipal {
  principal?: Principal;
}

/** The authenticated caller, set on the request by the global auth guard. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<RequestWithPrincipal>().principal,
);
