import { GovernanceService, type Principal } from '@app/governance';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../common/auth/auth.decorators';
import { NoQuery } from '../common/http/no-query.dto';
import { modelFilter } from '../governance/allow-list-filters';
import type { ModelView } from './model-view';
import { ModelsService, type ModelListResponse } from './models.service';

/** The model catalog (API.md, GET /bedrock/models). Needs a key like every non-health route. */
@Controller('bedrock/models')
export class ModelsController {
  constructor(
    private readonly models: ModelsService,
    private readonly governance: GovernanceService,
  ) {}

  /** The models the key may call (its allow-list); `:model` below describes any catalog model. */
  @Get()
  list(@CurrentPrincipal() principal: Principal | undefined, @Query() _query: NoQuery): ModelListResponse {
    return this.models.list(modelFilter(this.governance, principal));
  }

  /** `:model` is an alias, or a URL-encoded model id, inference-profile id or ARN. */
  @Get(':model')
  get(@Param('model') model: string, @Query() _query: NoQuery): ModelView {
    return this.models.get(model);
  }
}
