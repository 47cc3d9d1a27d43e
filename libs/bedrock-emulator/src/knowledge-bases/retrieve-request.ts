import type { SearchType } from './knowledge-base-index';
import { parseFilter, type RetrievalFilter } from './metadata-filter';
import {
  constraintViolation,
  optionalInteger,
  optionalObject,
  optionalString,
  requiredMember,
} from './request-validation';

/** `knowledgeBaseId` on Retrieve: an id or a knowledge-base ARN (shared/docs/bedrock-wire.md §5.1). */
const KB_ID = /^[0-9a-zA-Z]{10}$/;
const KB_ARN = /^arn:aws(-[^:]+)?:bedrock:([a-z0-9-]{1,20}):[0-9]{12}:knowledge-base\/([0-9a-zA-Z]{10})$/;
export const DEFAULT_NUMBER_OF_RESULTS = 5;

export interface VectorSearch {
  numberOfResults: number;
  searchType: SearchType;
  filter?: RetrievalFilter;
}

export interface RetrieveRequest extends VectorSearch {
  knowledgeBaseId: string;
  /** Region named by an ARN, when the caller used one. */
  region?: string;
  text: string;
  nextToken?: string;
}

/** Parses the Retrieve URI label: an id, or a knowledge-base ARN reduced to its id. */
export function parseKnowledgeBaseLabel(label: string): { knowledgeBaseId: string; region?: string } {
  if (KB_ID.test(label)) return { knowledgeBaseId: label };
  const arn = KB_ARN.exec(label);
  if (arn?.[2] && arn[3]) return { knowledgeBaseId: arn[3], region: arn[2] };
  throw constraintViolation(
    label,
    'knowledgeBaseId',
    `satisfy regular expression pattern: ${KB_ID.source} or ${KB_ARN.source}`,
  );
}

/** Validates a Retrieve request as the service does. */
export function parseRetrieveRequest(label: string, body: unknown): RetrieveRequest {
  const kb = parseKnowledgeBaseLabel(label);
  const request = optionalObject(body, 'body') ?? {};
  const query = optionalObject(request.retrievalQuery, 'retrievalQuery');
  if (!query) throw requiredMember('retrievalQuery');
  if (query.type !== undefined && query.type !== 'TEXT') {
    throw constraintViolation(query.type, 'retrievalQuery.type', 'be TEXT (image queries are not emulated)');
  }
  const text = optionalString(query.text, 'retrievalQuery.text', { max: 20000 });
  if (text === undefined) throw requiredMember('retrievalQuery.text');
  if (text.trim().length === 0) throw constraintViolation(text, 'retrievalQuery.text', 'not be blank');
  const configuration = optionalObject(request.retrievalConfiguration, 'retrievalConfiguration');
  return {
    ...kb,
    text,
    ...parseVectorSearch(configuration?.vectorSearchConfiguration, 'retrievalConfiguration'),
    nextToken: optionalString(request.nextToken, 'nextToken', { min: 1, max: 2048, pattern: /^\S*$/ }),
  };
}

/** `vectorSearchConfiguration`, shared by Retrieve and RetrieveAndGenerate. */
export function parseVectorSearch(input: unknown, parent: string): VectorSearch {
  const path = `${parent}.vectorSearchConfiguration`;
  const configuration = optionalObject(input, path) ?? {};
  const searchType = configuration.overrideSearchType ?? 'HYBRID';
  if (searchType !== 'HYBRID' && searchType !== 'SEMANTIC') {
    throw constraintViolation(
      searchType,
      `${path}.overrideSearchType`,
      'satisfy enum value set: [HYBRID, SEMANTIC]',
    );
  }
  const numberOfResults =
    optionalInteger(configuration.numberOfResults, `${path}.numberOfResults`, 1, 100) ??
    DEFAULT_NUMBER_OF_RESULTS;
  const filter =
    configuration.filter === undefined || configuration.filter === null
      ? undefined
      : parseFilter(configuration.filter, `${path}.filter`);
  return { numberOfResults, searchType, filter };
}
