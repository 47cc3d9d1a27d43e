import { Controller, Get, Param } from '@nestjs/common';
import type { ModelView } from './model-view';
import { ModelsService, type ModelListResponse } from './models.service';

/** The model catalog (API.md, GET /bedrock/models). Needs a key like every non-health route. */
@Controller('bedrock/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  list(): ModelListResponse {
    return this.models.list();
  }

  /** `:model` is an alias, or a URL-encoded model id, inference-profile id or ARN. */
  @Get(':model')
  get(@Param('model') model: string): ModelView {
    return this.models.get(model);
  }
}
