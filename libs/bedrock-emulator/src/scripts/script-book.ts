import { EmulatorError } from '../errors/emulator-error';
import { faultError } from '../faults/fault-errors';
import type { ScriptedToolUse } from '../tools/tool-use';
import { type ScriptRule, parseScriptRules } from './script-rule';

/** What a matching script rule decides for one request. */
export interface ScriptOutcome {
  scriptedText?: string;
  scriptedToolUse?: ScriptedToolUse;
  error?: EmulatorError;
  latencyMs: number;
}

interface CompiledRule {
  rule: ScriptRule;
  regex?: RegExp;
}

/** Scripted responses, first match wins. Matching uses `ModelBehaviour.promptText()` output. */
export class ScriptBook {
  private rules: CompiledRule[] = [];

  constructor(rules: ScriptRule[] = []) {
    this.set(rules);
  }

  /** Rules from a file, options, the admin endpoint or the library API are checked alike. */
  set(rules: ScriptRule[]): void {
    this.rules = parseScriptRules(rules).map((rule) => ({
      rule,
      ...(rule.regex === undefined
        ? {}
        : { regex: new RegExp(rule.regex, (rule.flags ?? '').replace(/[gy]/g, '')) }),
    }));
  }

  list(): ScriptRule[] {
    return this.rules.map(({ rule }) => rule);
  }

  match(prompt: string, modelIds: string[]): ScriptOutcome | undefined {
    const found = this.rules.find(
      ({ rule, regex }) =>
        (rule.model === undefined || modelIds.includes(rule.model)) &&
        (rule.prompt === undefined || prompt.includes(rule.prompt)) &&
        (regex === undefined || regex.test(prompt)),
    );
    if (!found) return undefined;
    const { rule } = found;
    return {
      latencyMs: rule.latencyMs ?? 0,
      ...(rule.text === undefined ? {} : { scriptedText: rule.text }),
      ...(rule.toolUse === undefined
        ? {}
        : { scriptedToolUse: { name: rule.toolUse.name, input: rule.toolUse.input ?? {} } }),
      ...(rule.error === undefined
        ? {}
        : {
            error: faultError({
              kind: 'error',
              errorType: rule.error.type,
              ...(rule.error.status === undefined ? {} : { status: rule.error.status }),
              ...(rule.error.message === undefined ? {} : { message: rule.error.message }),
            }),
          }),
    };
  }
}
