import { EmulatorError } from '../errors/emulator-error';
import {
  GUARDRAIL_ID_MAX_LENGTH,
  GUARDRAIL_ID_PATTERN,
  GUARDRAIL_VERSION_PATTERN,
  VERSION_REQUIRED_MESSAGE,
} from '../guardrails/guardrail-formats';
import { readEnum, readPatternString, requireStructure } from './converse-validation';

const GUARDRAIL_TRACES = ['enabled', 'disabled', 'enabled_full'];
const STREAM_PROCESSING_MODES = ['sync', 'async'];
const LATENCIES = ['standard', 'optimized'];
const SERVICE_TIERS = ['priority', 'default', 'flex', 'reserved'];

/**
 * The Converse members that shape the call rather than the prompt (bedrock-wire.md §3.1): `guardrailConfig`,
 * `performanceConfig` and `serviceTier`, checked as the service checks modelled members. The emulator has no
 * guardrails and one speed, so valid values change nothing else.
 */
export function checkConverseSettings(
  request: Record<string, unknown>,
  operation: 'converse' | 'converse-stream',
): void {
  if (request.guardrailConfig !== undefined) checkGuardrailConfig(request.guardrailConfig, operation);
  if (request.performanceConfig !== undefined) {
    const performance = requireStructure(request.performanceConfig, 'performanceConfig');
    readEnum(performance.latency, 'performanceConfig.latency', LATENCIES);
  }
  if (request.serviceTier !== undefined) {
    const tier = requireStructure(request.serviceTier, 'serviceTier');
    readEnum(tier.type, 'serviceTier.type', SERVICE_TIERS, true);
  }
}

/**
 * Identifier and version are optional members in the API reference (empty allowed, for no guardrail), but
 * a guardrail named without a version is refused, as InvokeModel refuses it (§1.1). `streamProcessingMode`
 * belongs to ConverseStream's configuration only; Converse's deserializer ignores it like any unknown member.
 */
function checkGuardrailConfig(value: unknown, operation: 'converse' | 'converse-stream'): void {
  const config = requireStructure(value, 'guardrailConfig');
  const id = readPatternString(
    config.guardrailIdentifier,
    'guardrailConfig.guardrailIdentifier',
    GUARDRAIL_ID_PATTERN,
    GUARDRAIL_ID_MAX_LENGTH,
  );
  const version = readPatternString(
    config.guardrailVersion,
    'guardrailConfig.guardrailVersion',
    GUARDRAIL_VERSION_PATTERN,
  );
  readEnum(config.trace, 'guardrailConfig.trace', GUARDRAIL_TRACES);
  if (operation === 'converse-stream') {
    readEnum(config.streamProcessingMode, 'guardrailConfig.streamProcessingMode', STREAM_PROCESSING_MODES);
  }
  if (id && !version) throw EmulatorError.validation(VERSION_REQUIRED_MESSAGE);
}
