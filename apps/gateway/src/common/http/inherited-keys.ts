import { ApiError } from '../errors/api-error';

/** `toString`, `constructor`, `hasOwnProperty`, …: names every plain object already answers to. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

interface Visit {
  value: unknown;
  key: string;
  parent: Visit | null;
}

/**
 * The JSON path (`messages.0.toString`) of the first own key of `value`, at any depth, that names a member
 * of `Object.prototype`, or null. class-transformer skips such keys without a word (it takes them for
 * methods of the object it builds), so `forbidNonWhitelisted` never sees an unknown `toString` and a
 * `metadata` entry named `constructor` would vanish. Walked without recursion, like the depth check.
 */
export function inheritedKeyPath(value: unknown): string | null {
  const pending: Visit[] = [{ value, key: '', parent: null }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const holder = next.value as Record<string, unknown>;
    for (const key of Object.keys(holder)) {
      const visit = { value: holder[key], key, parent: next };
      if (INHERITED.has(key)) return pathOf(visit);
      if (typeof visit.value === 'object' && visit.value !== null) pending.push(visit);
    }
  }
  return null;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}

/** The 400 for such a key, worded as the validation pipe words an unknown field. */
export function inheritedKeyError(path: string): ApiError {
  const issue = 'should not exist (a name every JSON object inherits cannot be a field or a key)';
  return new ApiError('validation_error', `${path} ${issue}`, [{ field: path, issue }]);
}
