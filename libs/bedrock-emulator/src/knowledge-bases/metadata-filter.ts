import type { DocumentMetadata, MetadataValue } from './knowledge-base.model';
import { constraintViolation, optionalObject } from './request-validation';

/** Bedrock's `RetrievalFilter` union (shared/docs/bedrock-wire.md §5.1), parsed. */
export type RetrievalFilter =
  | { operator: ComparisonOperator; key: string; value: unknown }
  | { operator: 'andAll' | 'orAll'; filters: RetrievalFilter[] };

const COMPARISONS = [
  'equals',
  'notEquals',
  'greaterThan',
  'greaterThanOrEquals',
  'lessThan',
  'lessThanOrEquals',
  'in',
  'notIn',
  'startsWith',
  'listContains',
  'stringContains',
] as const;
type ComparisonOperator = (typeof COMPARISONS)[number];

const isComparison = (name: string): name is ComparisonOperator =>
  (COMPARISONS as readonly string[]).includes(name);

/** Validates a request's `filter`: exactly one operator per level, keys 1..100, lists of ≥ 2 for andAll/orAll. */
export function parseFilter(input: unknown, path: string): RetrievalFilter {
  const node = optionalObject(input, path) ?? {};
  const members = Object.entries(node).filter(([, value]) => value !== undefined && value !== null);
  const [only] = members;
  if (members.length !== 1 || only === undefined)
    throw constraintViolation(input, path, 'set exactly one filter');
  const [operator, operand] = only;
  if (operator === 'andAll' || operator === 'orAll') {
    if (!Array.isArray(operand) || operand.length < 2) {
      throw constraintViolation(operand, `${path}.${operator}`, 'have length greater than or equal to 2');
    }
    return {
      operator,
      filters: operand.map((child, i) => parseFilter(child, `${path}.${operator}.${i + 1}`)),
    };
  }
  if (!isComparison(operator)) throw constraintViolation(operator, path, 'be a known filter type');
  const attribute = optionalObject(operand, `${path}.${operator}`) ?? {};
  const key = attribute.key;
  if (typeof key !== 'string' || key.length < 1 || key.length > 100) {
    throw constraintViolation(key, `${path}.${operator}.key`, 'have length between 1 and 100');
  }
  checkOperand(operator, attribute.value, `${path}.${operator}.value`);
  return { operator, key, value: attribute.value };
}

function checkOperand(operator: ComparisonOperator, value: unknown, path: string): void {
  switch (operator) {
    case 'greaterThan':
    case 'greaterThanOrEquals':
    case 'lessThan':
    case 'lessThanOrEquals':
      if (typeof value !== 'number') throw constraintViolation(value, path, 'be a number');
      return;
    case 'in':
    case 'notIn':
      if (!Array.isArray(value)) throw constraintViolation(value, path, 'be a list');
      return;
    case 'startsWith':
    case 'stringContains':
      if (typeof value !== 'string') throw constraintViolation(value, path, 'be a string');
      return;
    case 'equals':
    case 'notEquals':
    case 'listContains':
      if (value === undefined || value === null) throw constraintViolation(value, path, 'not be null');
      return;
  }
}

/**
 * Whether a chunk's metadata passes the filter. A missing key fails every positive test and passes `notEquals` and
 * `notIn`. Numbers compare numerically; `stringContains` on a list matches when any member contains the value.
 */
export function matchesFilter(filter: RetrievalFilter, metadata: DocumentMetadata): boolean {
  if ('filters' in filter) {
    const test = (child: RetrievalFilter): boolean => matchesFilter(child, metadata);
    return filter.operator === 'andAll' ? filter.filters.every(test) : filter.filters.some(test);
  }
  // Own keys only: `toString` or `constructor` are not metadata a document has.
  const actual = Object.hasOwn(metadata, filter.key) ? metadata[filter.key] : undefined;
  const expected = filter.value;
  switch (filter.operator) {
    case 'equals':
      return actual !== undefined && same(actual, expected);
    case 'notEquals':
      return actual === undefined || !same(actual, expected);
    case 'greaterThan':
      return typeof actual === 'number' && actual > Number(expected);
    case 'greaterThanOrEquals':
      return typeof actual === 'number' && actual >= Number(expected);
    case 'lessThan':
      return typeof actual === 'number' && actual < Number(expected);
    case 'lessThanOrEquals':
      return typeof actual === 'number' && actual <= Number(expected);
    case 'in':
      return actual !== undefined && asList(expected).some((item) => same(actual, item));
    case 'notIn':
      return actual === undefined || !asList(expected).some((item) => same(actual, item));
    case 'startsWith':
      return typeof actual === 'string' && actual.startsWith(String(expected));
    case 'listContains':
      return Array.isArray(actual) && actual.some((item) => same(item, expected));
    case 'stringContains':
      return (Array.isArray(actual) ? actual : [actual]).some(
        (item) => typeof item === 'string' && item.includes(String(expected)),
      );
  }
}

function same(actual: MetadataValue, expected: unknown): boolean {
  if (Array.isArray(actual))
    return Array.isArray(expected) && actual.join('\u0000') === expected.join('\u0000');
  return actual === expected;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
