import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { CATALOG_DATA, type CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../errors/emulator-error';
import { endAtStopSequence, extractiveAnswer } from '../generation/extractive-answer';
import { ModelIdResolver } from '../model-resolution/model-id-resolver';
import type { KnowledgeBaseService } from './knowledge-base.types';
import { KnowledgeBaseIndex } from './knowledge-base-index';
import type { LoadedKnowledgeBase } from './knowledge-base.model';
import { loadKnowledgeBase, loadKnowledgeBasesIn } from './knowledge-base-loader';
import { toCitations, toRetrievalResult } from './knowledge-base-responses';
import { decodeNextToken, encodeNextToken, queryFingerprint } from './next-token';
import { parseRetrieveAndGenerateRequest } from './retrieve-and-generate-request';
import { parseRetrieveRequest } from './retrieve-request';

export interface KnowledgeBasesOptions {
  /** Folders whose subfolders are knowledge bases (`bedrock-local --kb-dir <dir>`). */
  dirs?: string[];
  /** When set, a knowledge-base ARN naming another region is not found, as on a regional endpoint. */
  region?: string;
  /** The models RetrieveAndGenerate's `modelArn` may name (default: the catalog's), as in the runtime. */
  models?: readonly CatalogModel[];
  /** Model ids past their end of life: RetrieveAndGenerate answers the runtime's 404 for them. */
  endOfLife?: readonly string[];
}

export interface KnowledgeBaseSummary {
  id: string;
  name: string;
  description: string;
  documents: number;
  chunks: number;
}

export const SAMPLE_KNOWLEDGE_BASE_ID = 'KBGENERAL1';

/**
 * The sample knowledge base's folder: beside the sources (`libs/bedrock-emulator/knowledge-bases/general`),
 * found from this file or, in a bundled build, from the working directory.
 */
export function sampleKnowledgeBaseDir(): string {
  const candidates = [
    resolve(__dirname, '../../knowledge-bases/general'),
    resolve(process.cwd(), 'libs/bedrock-emulator/knowledge-bases/general'),
  ];
  const found = candidates.find((candidate) => existsSync(resolve(candidate, 'kb.json')));
  if (!found) throw new Error(`Sample knowledge base not found; looked in ${candidates.join(', ')}`);
  return found;
}

/** The emulator's knowledge bases (agent runtime): Retrieve and RetrieveAndGenerate over local folders. */
export class KnowledgeBases implements KnowledgeBaseService {
  private readonly indexes = new Map<string, KnowledgeBaseIndex>();
  private readonly region: string | undefined;
  private readonly generationModels: ModelIdResolver;

  private constructor(sources: LoadedKnowledgeBase[], options: Omit<KnowledgeBasesOptions, 'dirs'>) {
    this.region = options.region;
    this.generationModels = new ModelIdResolver(
      options.models ?? CATALOG_DATA.models,
      new Set(options.endOfLife ?? []),
    );
    assertDistinctIds(sources);
    for (const source of sources) this.indexes.set(source.definition.id, new KnowledgeBaseIndex(source));
  }

  /** Loads and indexes the sample knowledge base plus every knowledge base under `options.dirs`. */
  static async load(options: KnowledgeBasesOptions = {}): Promise<KnowledgeBases> {
    return KnowledgeBases.fromLoaded(readSources(options.dirs ?? []), options);
  }

  /**
   * Reads what `load` reads and throws what it would (a bad file, named; two folders with one id), without
   * indexing: a check before starting anything, as the gateway's boot does for `BEDROCK_LOCAL_KB_DIR`.
   */
  static check(options: Pick<KnowledgeBasesOptions, 'dirs'> = {}): void {
    assertDistinctIds(readSources(options.dirs ?? []));
  }

  /** Builds from knowledge bases already in memory (tests, benchmarks); `dirs` is not read. */
  static fromLoaded(
    sources: LoadedKnowledgeBase[],
    options: Omit<KnowledgeBasesOptions, 'dirs'> = {},
  ): KnowledgeBases {
    return new KnowledgeBases(sources, options);
  }

  list(): KnowledgeBaseSummary[] {
    return [...this.indexes.values()].map(({ source, chunks }) => ({
      ...source.definition,
      documents: source.documents.length,
      chunks: chunks.length,
    }));
  }

  retrieve(knowledgeBaseId: string, body: unknown): Record<string, unknown> {
    const request = parseRetrieveRequest(knowledgeBaseId, body);
    const index = this.find(request.knowledgeBaseId, request.region);
    const hits = index.query(request.text, request.searchType, request.filter);
    const fingerprint = queryFingerprint([
      index.id,
      request.text,
      request.searchType,
      request.filter ?? null,
    ]);
    const offset = request.nextToken === undefined ? 0 : decodeNextToken(request.nextToken, fingerprint);
    const page = hits.slice(offset, offset + request.numberOfResults);
    const next = offset + page.length;
    const dataSourceId = index.source.definition.dataSourceId;
    return {
      retrievalResults: page.map((hit) => toRetrievalResult(hit, dataSourceId)),
      ...(next < hits.length ? { nextToken: encodeNextToken(next, fingerprint) } : {}),
    };
  }

  retrieveAndGenerate(body: unknown, region: string): Record<string, unknown> {
    const request = parseRetrieveAndGenerateRequest(body, this.generationModels, region);
    const index = this.find(request.knowledgeBaseId);
    const { searchType, filter, numberOfResults } = request.search;
    const passages = index.query(request.text, searchType, filter).slice(0, numberOfResults);
    const answer = endAtStopSequence(
      extractiveAnswer(
        request.text,
        passages.map((passage) => ({ text: passage.chunk.text })),
        request.maxTokens,
      ),
      request.stopSequences,
    );
    return {
      sessionId: request.sessionId ?? randomUUID(),
      output: { text: answer.text },
      citations: toCitations(answer, passages, index.source.definition.dataSourceId),
      guardrailAction: 'NONE',
    };
  }

  private find(knowledgeBaseId: string, arnRegion?: string): KnowledgeBaseIndex {
    const index = this.indexes.get(knowledgeBaseId);
    const otherRegion = arnRegion !== undefined && this.region !== undefined && arnRegion !== this.region;
    if (!index || otherRegion) {
      throw EmulatorError.resourceNotFound(`Knowledge base with id ${knowledgeBaseId} does not exist.`);
    }
    return index;
  }
}

/** The sample knowledge base plus every one under `dirs` (the sample's folder once, if a dir holds it). */
function readSources(dirs: readonly string[]): LoadedKnowledgeBase[] {
  const sampleDir = realpathSync(sampleKnowledgeBaseDir());
  const sources = [loadKnowledgeBase(sampleDir)];
  for (const dir of dirs) {
    sources.push(...loadKnowledgeBasesIn(dir).filter((source) => realpathSync(source.dir) !== sampleDir));
  }
  return sources;
}

function assertDistinctIds(sources: readonly LoadedKnowledgeBase[]): void {
  const dirs = new Map<string, string>();
  for (const { definition, dir } of sources) {
    const existing = dirs.get(definition.id);
    if (existing) throw new Error(`Knowledge base id ${definition.id} is used by ${existing} and ${dir}`);
    dirs.set(definition.id, dir);
  }
}
