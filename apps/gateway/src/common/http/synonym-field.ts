import { ApiError } from '../errors/api-error';

/**
 * A field or its synonym (`model` / `model_name`); both may be sent only as the same string, otherwise
 * a 400 `validation_error` on the synonym.
 */
export function fieldOrSynonym(
  name: string,
  value: string | undefined,
  synonymName: string,
  synonym: string | undefined,
): string | undefined {
  if (value !== undefined && synonym !== undefined && value !== synonym) {
    throw ApiError.validation(
      synonymName,
      `differs from ${name}; it is a synonym of ${name}: send one of them, or the same value in both`,
    );
  }
  return value ?? synonym;
}
