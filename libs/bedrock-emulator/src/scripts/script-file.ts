import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ScriptRule, parseScriptRules } from './script-rule';

/**
 * Reads a script file: JSON when it ends in `.json`, YAML otherwise (YAML also accepts JSON). Every error names
 * the file, a syntax error too (the CLI would otherwise print the parser's message alone).
 */
export function loadScriptFile(path: string): ScriptRule[] {
  const text = readFileSync(path, 'utf8');
  try {
    const document: unknown = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    return parseScriptRules(document);
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
