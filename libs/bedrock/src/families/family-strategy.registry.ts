import { Inject, Injectable } from '@nestjs/common';
import type { ResolvedModel } from '../catalog/resolved-model';
import { FAMILY_STRATEGIES } from './family-strategies.constants';
import { FamilyRequestError } from './family-request.error';
import type { FamilyStrategy } from './family-strategy';

/** Picks the strategy that speaks a model's native schema from those collected under `FAMILY_STRATEGIES`. */
@Injectable()
export class FamilyStrategyRegistry {
  constructor(@Inject(FAMILY_STRATEGIES) private readonly strategies: readonly FamilyStrategy[]) {}

  /** Whether any strategy can serve chat for the model (false for embedding models). */
  canServe(model: ResolvedModel): boolean {
    return this.strategies.some((strategy) => strategy.supports(model));
  }

  /** The first strategy whose `supports()` accepts the model; throws `FamilyRequestError` when none does. */
  forModel(model: ResolvedModel): FamilyStrategy {
    const strategy = this.strategies.find((candidate) => candidate.supports(model));
    if (strategy === undefined) {
      throw new FamilyRequestError(
        `Model "${model.alias ?? model.invokeId}" (${model.family}, schema ${model.schema}) cannot be used for chat: no family strategy supports it.`,
      );
    }
    return strategy;
  }
}
