/**
 * The boundary between the emulator's transport and its knowledge bases (agent runtime).
 * Implemented by `KnowledgeBases` in this folder; the transport only routes and frames.
 */
export interface KnowledgeBaseService {
  /** `POST /knowledgebases/{id}/retrieve`: the full Retrieve response JSON. Throws EmulatorError. */
  retrieve(knowledgeBaseId: string, body: unknown): Record<string, unknown>;
  /** `POST /retrieveAndGenerate`: the full RetrieveAndGenerate response JSON. Throws EmulatorError. */
  retrieveAndGenerate(body: unknown): Record<string, unknown>;
}
