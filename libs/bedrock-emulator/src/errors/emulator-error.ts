/**
 * An error the emulator answers with, shaped as the real service shapes it
 * (shared/docs/bedrock-wire.md §4.1): `x-amzn-errortype: <name>` and `{"message": ...}` plus extra members.
 */
export class EmulatorError extends Error {
  constructor(
    /** The AWS error name, e.g. `ValidationException`. */
    readonly errorType: string,
    readonly status: number,
    message: string,
    /** Extra modelled members copied into the JSON body (e.g. `originalStatusCode`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = errorType;
  }

  static validation(message: string): EmulatorError {
    return new EmulatorError('ValidationException', 400, message);
  }

  /** `Malformed input request: #: required key [x] not found, ...`-style message for a bad native body. */
  static malformedInput(detail: string): EmulatorError {
    return new EmulatorError(
      'ValidationException',
      400,
      `Malformed input request: ${detail}, please reformat your input and try again.`,
    );
  }

  static invalidModelId(): EmulatorError {
    return new EmulatorError('ValidationException', 400, 'The provided model identifier is invalid.');
  }

  static resourceNotFound(message: string): EmulatorError {
    return new EmulatorError('ResourceNotFoundException', 404, message);
  }

  toBody(): Record<string, unknown> {
    return { message: this.message, ...this.extra };
  }
}
