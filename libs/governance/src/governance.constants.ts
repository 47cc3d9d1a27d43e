/** DI token for the validated GovernanceConfig. */
export const GOVERNANCE_CONFIG = Symbol('governance:config');
/** DI token for GovernanceModuleOptions. */
export const GOVERNANCE_OPTIONS = Symbol('governance:options');
/** DI token for an optional clock (`() => epoch ms`), used by budget windows; tests replace it. */
export const GOVERNANCE_CLOCK = Symbol('governance:clock');
