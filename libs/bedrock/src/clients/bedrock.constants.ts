/** DI token of the validated `BedrockModuleOptions`. */
export const BEDROCK_MODULE_OPTIONS = Symbol('bedrock.MODULE_OPTIONS');
