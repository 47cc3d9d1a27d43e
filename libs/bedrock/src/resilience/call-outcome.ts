/** A value obtained from Bedrock and how it was obtained. */
export interface CallOutcome<T> {
  value: T;
  region: string;
  /** Attempts made across all regions (1 = no retry). */
  attempts: number;
  /** The region that answered, when it was not the primary one. */
  failoverRegion: string | null;
}

/** Updated as attempts are made, so a failed call still reports its attempts and last region. */
export interface CallProgress {
  attempts: number;
  region: string | null;
}
