import { API_ERROR_STATUS, ApiErrorCode } from './api-error-code';

export interface ErrorDetail {
  field?: string;
  issue: string;
}

/** An error the API answers with: a code from API.md, a safe message, optional field details. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  get status(): number {
    return API_ERROR_STATUS[this.code];
  }

  static validation(field: string, issue: string): ApiError {
    return new ApiError('validation_error', `${field} ${issue}`, [{ field, issue }]);
  }
}
