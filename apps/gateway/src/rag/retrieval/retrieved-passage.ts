/** One retrieved chunk in the gateway's terms, whatever the knowledge base's data source. */
export interface RetrievedPassage {
  text: string;
  /** Where the chunk comes from (S3 URI, web URL, …); null when Bedrock names no location. */
  uri: string | null;
  /** Relevance in 0..1 (Retrieve); null for RetrieveAndGenerate's references, which carry none. */
  score: number | null;
  metadata: Record<string, unknown>;
}
