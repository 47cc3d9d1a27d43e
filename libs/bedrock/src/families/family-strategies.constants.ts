/**
 * DI token under which every `FamilyStrategy` provider is collected, as one array
 * (`FamilyStrategy[]`). `FamilyStrategyRegistry` injects it and picks a strategy with `supports()`.
 * Registered by `familyStrategyProviders`; adding a family means adding one class there.
 */
export const FAMILY_STRATEGIES = Symbol('bedrock.FAMILY_STRATEGIES');
