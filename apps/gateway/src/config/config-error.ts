/** Thrown at boot when the configuration is invalid; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
