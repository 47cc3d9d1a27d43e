import type { FaultRule } from '../faults/fault-rule';
import type { RequestRecord } from '../request-log/request-record';
import type { ScriptRule } from '../scripts/script-rule';

/** What the admin endpoint may change on a running emulator (implemented by `BedrockEmulator`). */
export interface EmulatorControl {
  readonly faults: FaultRule[];
  addFaults(rules: FaultRule[]): void;
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  readonly scripts: ScriptRule[];
  setScripts(rules: ScriptRule[]): void;
  readonly requests: RequestRecord[];
  clearRequests(): void;
  reset(): void;
}
