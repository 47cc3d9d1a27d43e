/**
 * How large a request body each operation reads (bedrock-wire.md §1.1, §3.1, §5.1). A body past its cap is
 * a 400 ValidationException, a pair every Bedrock model has (no model has a 413); the cap keeps a hostile
 * body from exhausting memory. Bodies are JSON, so blobs travel base64-encoded (4/3 of their size).
 */
const MIB = 1024 * 1024;

/** InvokeModel and InvokeModelWithResponseStream: `body` is a blob of 0–25,000,000 bytes (§1.1). */
export const INVOKE_BODY_LIMIT = 25_000_000;

/**
 * Converse and ConverseStream have no modelled size, but their `Message` takes up to 20 images of 3.75 MB and
 * 5 documents of 4.5 MB (API reference, `Message`): 97.5 MiB of media, 130 MiB base64-encoded, plus 6 MiB for
 * the text, tools and settings around them.
 */
export const CONVERSE_BODY_LIMIT = 136 * MIB;

/**
 * Retrieve and RetrieveAndGenerate: the largest member is Retrieve's query image, `inlineContent` of up to
 * 5 MiB (§5.1), 6.7 MiB base64-encoded; the rest (query text up to 20,000 characters, filters) fits in the
 * remaining 1.3 MiB.
 */
export const AGENT_RUNTIME_BODY_LIMIT = 8 * MIB;

/** The admin endpoint (not Bedrock): fault rules and scripts. */
export const ADMIN_BODY_LIMIT = MIB;
