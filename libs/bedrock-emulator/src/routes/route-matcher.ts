import { EmulatorError } from '../errors/emulator-error';
import { serviceOf, type BedrockOperation, type RouteMatch } from './operation.types';

interface Route {
  method: 'GET' | 'POST';
  /** Literal segments; `{}` marks the one label. */
  pattern: string[];
  operation: BedrockOperation;
}

const ROUTES: Route[] = [
  { method: 'POST', pattern: ['model', '{}', 'invoke'], operation: 'InvokeModel' },
  {
    method: 'POST',
    pattern: ['model', '{}', 'invoke-with-response-stream'],
    operation: 'InvokeModelWithResponseStream',
  },
  { method: 'POST', pattern: ['model', '{}', 'converse'], operation: 'Converse' },
  { method: 'POST', pattern: ['model', '{}', 'converse-stream'], operation: 'ConverseStream' },
  { method: 'POST', pattern: ['knowledgebases', '{}', 'retrieve'], operation: 'Retrieve' },
  { method: 'POST', pattern: ['retrieveAndGenerate'], operation: 'RetrieveAndGenerate' },
  { method: 'GET', pattern: ['foundation-models'], operation: 'ListFoundationModels' },
  { method: 'GET', pattern: ['foundation-models', '{}'], operation: 'GetFoundationModel' },
  { method: 'GET', pattern: ['inference-profiles'], operation: 'ListInferenceProfiles' },
  { method: 'GET', pattern: ['inference-profiles', '{}'], operation: 'GetInferenceProfile' },
];

/**
 * Splits the raw path on `/` and only then decodes each segment (§0.6): labels arrive with `/` encoded
 * as `%2F` (ARNs), so decoding first would change the number of segments.
 */
export function splitPath(path: string): string[] {
  const raw = path.split('/').filter((segment, index) => index > 0 || segment !== '');
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  return raw.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw EmulatorError.validation(`The request path contains an invalid percent-encoding: ${segment}`);
    }
  });
}

function matches(route: Route, method: string, segments: string[]): string | undefined | false {
  if (route.method !== method || route.pattern.length !== segments.length) return false;
  let label: string | undefined;
  for (let i = 0; i < segments.length; i++) {
    const expected = route.pattern[i];
    const actual = segments[i] ?? '';
    if (expected === '{}') {
      if (actual === '') return false;
      label = actual;
    } else if (expected !== actual) return false;
  }
  return label;
}

/** The operation a request names, or undefined for an unknown route. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = splitPath(path);
  for (const route of ROUTES) {
    const label = matches(route, method, segments);
    if (label === false) continue;
    return {
      operation: route.operation,
      service: serviceOf(route.operation),
      ...(label === undefined ? {} : { resourceId: label }),
    };
  }
  return undefined;
}

export function unknownOperation(): EmulatorError {
  return new EmulatorError('UnknownOperationException', 404, 'The requested operation is not recognized.');
}
