/** DI token of the resolved `UsageModuleOptions`. */
export const USAGE_MODULE_OPTIONS = Symbol('usage:module-options');

export const DEFAULT_SQLITE_PATH = './data/usage.db';
