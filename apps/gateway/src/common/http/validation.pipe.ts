import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, ErrorDetail } from '../errors/api-error';

/**
 * class-validator DTO validation. Unknown fields are rejected (API.md), and every problem becomes a
 * `validation_error` detail naming the field by its JSON path (`messages.0.role`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const first = details[0];
      const message = first ? `${first.field} ${first.issue}` : 'The request body is invalid.';
      return new ApiError('validation_error', message, details);
    },
  });
}

/** Constraints on a value's type: a value of the wrong type is told so first, not that it is out of range. */
const TYPE_CONSTRAINTS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject']);

/** A field's constraint messages, its type's first (class-validator lists the last decorator's first). */
function issuesOf(error: ValidationError): string[] {
  const entries = Object.entries(error.constraints ?? {});
  const isType = ([name]: [string, string]) => TYPE_CONSTRAINTS.has(name);
  return [...entries.filter(isType), ...entries.filter((entry) => !isType(entry))].map(([, issue]) => issue);
}

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = issuesOf(error).map((issue) => ({
      field,
      issue: issue.startsWith(`${error.property} `) ? issue.slice(error.property.length + 1) : issue,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
