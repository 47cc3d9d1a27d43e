/**
 * The boundary between the emulator's transport and its knowledge bases (agent runtime).
 * Implemented by `KnowledgeBases` in this folder; the transport only routes and frames.
 */
export interface KnowledgeBaseService {
  /** `POST /knowledgebases/{id}/retrieve`: the full Retrieve response JSON. Throws EmulatorError. */
  retrieve(knowledgeBaseId: string, body: unknown): Record<string, unknown>;
  /**
   * `POST /retrieveAndGenerate`: the full RetrieveAndGenerate response JSON. `region` is the one the call is
   * made in, where its `modelArn` must be valid (a profile it is a source region of, an ARN of that region).
   * Throws EmulatorError.
   */
  retrieveAndGenerate(body: unknown, region: string): Record<string, unknown>;
}
