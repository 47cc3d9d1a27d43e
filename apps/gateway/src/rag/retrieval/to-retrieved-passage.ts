import type { RetrievalResultContent, RetrievalResultLocation } from '@aws-sdk/client-bedrock-agent-runtime';
import type { RetrievedPassage } from './retrieved-passage';

/** The fields Retrieve's `retrievalResults` and RetrieveAndGenerate's `retrievedReferences` share. */
export interface RetrievedItem {
  content?: RetrievalResultContent;
  location?: RetrievalResultLocation;
  metadata?: Record<string, unknown>;
  score?: number;
}

const SOURCE_URI_KEY = 'x-amz-bedrock-kb-source-uri';

/**
 * A Retrieve result or reference as a passage; null for one without text (images, audio, SQL rows are
 * not put into a text prompt). Shapes: shared/docs/bedrock-wire.md §5.1.
 */
export function toRetrievedPassage(item: RetrievedItem): RetrievedPassage | null {
  const text = item.content?.text;
  if (typeof text !== 'string' || text.trim() === '') return null;
  const metadata = item.metadata ?? {};
  const fromMetadata = metadata[SOURCE_URI_KEY];
  return {
    text,
    uri: locationUri(item.location) ?? (typeof fromMetadata === 'string' ? fromMetadata : null),
    score: typeof item.score === 'number' && Number.isFinite(item.score) ? item.score : null,
    metadata,
  };
}

/** The location's address, whichever data source type it is. */
function locationUri(location: RetrievalResultLocation | undefined): string | null {
  if (!location) return null;
  return (
    location.s3Location?.uri ??
    location.webLocation?.url ??
    location.confluenceLocation?.url ??
    location.salesforceLocation?.url ??
    location.sharePointLocation?.url ??
    location.oneDriveLocation?.url ??
    location.googleDriveLocation?.url ??
    location.kendraDocumentLocation?.uri ??
    location.customDocumentLocation?.id ??
    null
  );
}
