import { constraintViolation, optionalString } from '../knowledge-bases/request-validation';

/** InvokeModel's enum headers and their values (bedrock-wire.md §1.1). */
const ENUM_HEADERS = [
  { header: 'x-amzn-bedrock-trace', member: 'trace', values: ['ENABLED', 'DISABLED', 'ENABLED_FULL'] },
  {
    header: 'x-amzn-bedrock-performanceconfig-latency',
    member: 'performanceConfigLatency',
    values: ['standard', 'optimized'],
  },
  {
    header: 'x-amzn-bedrock-service-tier',
    member: 'serviceTier',
    values: ['priority', 'default', 'flex', 'reserved'],
  },
] as const;

/**
 * InvokeModel's modelled headers besides the guardrail's (bedrock-wire.md §1.1): the SDK checks nothing
 * client-side (§0.6), so a value outside an enum or request metadata over 8,500 characters reaches the
 * service, which answers 400 ValidationException as for any modelled member.
 */
export function checkInvokeHeaders(header: (name: string) => string | undefined): void {
  for (const { header: name, member, values } of ENUM_HEADERS) {
    const value = header(name);
    if (value !== undefined && !(values as readonly string[]).includes(value)) {
      throw constraintViolation(value, member, `satisfy enum value set: [${values.join(', ')}]`);
    }
  }
  optionalString(header('x-amzn-bedrock-request-metadata'), 'requestMetadata', { max: 8500 });
}
