import { ValidateBy } from 'class-validator';

/** Some text besides whitespace: a blank turn gives a model nothing to answer, and Claude refuses one. */
export const HasText = (): PropertyDecorator =>
  ValidateBy({
    name: 'hasText',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || value.trim() !== '',
      defaultMessage: () => '$property must contain text, not only whitespace',
    },
  });
