import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when present it must be valid: unlike class-validator's
 * `@IsOptional()`, `null` is not "absent" and fails the field's own rules (API.md types every field).
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
