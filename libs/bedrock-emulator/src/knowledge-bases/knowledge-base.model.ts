/** The loaded, in-memory shape of a knowledge base: definition, documents and chunks. */

/** A document metadata value, as Bedrock metadata attributes allow (string, number, boolean, string list). */
export type MetadataValue = string | number | boolean | string[];

export type DocumentMetadata = Record<string, MetadataValue>;

/** `kb.json` in a knowledge-base folder; every member optional (defaults derive from the folder name). */
export interface KnowledgeBaseDefinition {
  /** 10 alphanumerics, e.g. `KBGENERAL1`. */
  id: string;
  name: string;
  description: string;
  /** 10 alphanumerics; returned as `x-amz-bedrock-kb-data-source-id`. */
  dataSourceId: string;
  /** The S3 bucket the documents pretend to live in (`s3://<bucket>/<path>`). */
  bucket: string;
}

export interface KnowledgeBaseDocument {
  /** Path relative to the knowledge-base folder, `/`-separated (the S3 key). */
  path: string;
  title: string;
  /** Body without front matter. */
  text: string;
  metadata: DocumentMetadata;
}

export interface KnowledgeBaseChunk {
  /** Position in the knowledge base's chunk list (also its search-index id). */
  ordinal: number;
  /** `1%3A0%3A<20 characters>`, as the service's OpenSearch-backed chunk ids look. */
  chunkId: string;
  sourceUri: string;
  title: string;
  text: string;
  metadata: DocumentMetadata;
}

export interface LoadedKnowledgeBase {
  definition: KnowledgeBaseDefinition;
  /** Folder the knowledge base was read from. */
  dir: string;
  documents: KnowledgeBaseDocument[];
}
