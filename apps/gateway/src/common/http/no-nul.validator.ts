import { ValidateBy } from 'class-validator';

/** No NUL character: PostgreSQL text refuses it, so a NUL would turn a filter into a 500 there. */
export const NoNul = (): PropertyDecorator =>
  ValidateBy({
    name: 'noNul',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !value.includes('\u0000'),
      defaultMessage: () => '$property must not contain a NUL character',
    },
  });
