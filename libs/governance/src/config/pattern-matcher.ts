/**
 * Allow-list matcher for model and knowledge-base names.
 *
 * Patterns are exact names or globs where `*` matches any run of characters (including none, and
 * including `.`, `:` and `/`, which model ids and ARNs contain); every other character is literal and
 * matching is case-sensitive over the whole name. That is deliberately all: picomatch/minimatch are only
 * transitive dev dependencies here (absent from a production install) and their path semantics
 * (`*` stops at `/`) would surprise on ARNs.
 *
 * `undefined` patterns allow everything; an empty list allows nothing.
 */
export class PatternMatcher {
  private readonly exact = new Set<string>();
  private readonly globs: RegExp[] = [];
  private readonly allowAll: boolean;

  constructor(patterns: readonly string[] | undefined) {
    this.allowAll = patterns === undefined || patterns.includes('*');
    for (const pattern of patterns ?? []) {
      if (pattern.includes('*')) this.globs.push(globToRegExp(pattern));
      else this.exact.add(pattern);
    }
  }

  /** True when any of the names (e.g. an alias and its model id) is allowed. */
  matchesAny(names: readonly (string | null | undefined)[]): boolean {
    if (this.allowAll) return true;
    return names.some((name) => typeof name === 'string' && name.length > 0 && this.matches(name));
  }

  matches(name: string): boolean {
    return this.allowAll || this.exact.has(name) || this.globs.some((glob) => glob.test(name));
  }
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((literal) => literal.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
