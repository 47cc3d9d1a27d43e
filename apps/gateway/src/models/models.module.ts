import { Module } from '@nestjs/common';
import { ModelAvailability } from './model-availability.service';
import { ModelsController } from './models.controller';
import { DEFAULT_MODEL_AVAILABILITY_OPTIONS, MODEL_AVAILABILITY_OPTIONS } from './models.constants';
import { ModelsService } from './models.service';

/** `GET /bedrock/models[/:model]`: the shared catalog, plus live availability from ListFoundationModels. */
@Module({
  controllers: [ModelsController],
  providers: [
    { provide: MODEL_AVAILABILITY_OPTIONS, useValue: DEFAULT_MODEL_AVAILABILITY_OPTIONS },
    ModelAvailability,
    ModelsService,
  ],
})
export class ModelsModule {}
