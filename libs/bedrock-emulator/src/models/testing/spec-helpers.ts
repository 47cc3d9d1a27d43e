import { CATALOG_DATA, type CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../../errors/emulator-error';

/** A catalog model by alias; throws when the alias is unknown, so a renamed model fails loudly. */
export function catalogModel(alias: string): CatalogModel {
  const model = CATALOG_DATA.models.find((candidate) => candidate.alias === alias);
  if (model === undefined) throw new Error(`no catalog model with alias ${alias}`);
  return model;
}

/** The EmulatorError `action` throws; fails when it throws nothing or something else. */
export function emulatorErrorOf(action: () => unknown): EmulatorError {
  try {
    action();
  } catch (error) {
    if (error instanceof EmulatorError) return error;
    throw new Error(`expected an EmulatorError, got ${String(error)}`);
  }
  throw new Error('expected an EmulatorError, but nothing was thrown');
}

/** Drops the member the transport merges into the last chunk, so recorded chunks compare with ours. */
export function withoutInvocationMetrics(chunk: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(chunk).filter(([key]) => key !== 'amazon-bedrock-invocationMetrics'),
  );
}

/** The value at a dotted path (`content.0.text`) of a JSON value, or undefined; keeps specs free of `any`. */
export function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (current, key) =>
        typeof current === 'object' && current !== null
          ? (current as Record<string, unknown>)[key]
          : undefined,
      value,
    );
}
