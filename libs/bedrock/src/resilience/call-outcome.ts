/** A value obtained from Bedrock and how it was obtained. */
export interface CallOutcome<T> {
  value: T;
  region: string;
  /** Attempts made across all regions (1 = no retry). */
  attempts: number;
  /** The region that answered, when it was not the primary one. */
  failoverRegion: string | null;
}

/**
 * Updated as attempts are made, so a failed call still reports its attempts, its last region and the
 * failover region it reached (null while it stays in the primary).
 */
export interface CallProgress {
  attempts: number;
  region: string | null;
  failoverRegion: string | null;
}
