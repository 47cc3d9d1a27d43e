import { BedrockEmulator } from '@app/bedrock-emulator';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway-config';

/**
 * In local mode the gateway starts bedrock-local in-process and points the real SDK clients at it.
 * Answers are synthetic: a banner says so at startup.
 */
@Injectable()
export class LocalEmulatorHost implements OnApplicationShutdown {
  private readonly logger = new Logger('BedrockBackend');
  private emulator: BedrockEmulator | null = null;

  constructor(private readonly config: GatewayConfig) {}

  /** Starts the emulator once and returns its URL. */
  async url(): Promise<string> {
    if (!this.emulator) {
      const { env } = this.config;
      this.emulator = new BedrockEmulator({
        region: env.AWS_REGION,
        latencyMs: env.BEDROCK_LOCAL_LATENCY_MS,
        kbDirs: env.BEDROCK_LOCAL_KB_DIR ? [env.BEDROCK_LOCAL_KB_DIR] : [],
      });
      await this.emulator.start({ port: env.BEDROCK_LOCAL_PORT, host: '127.0.0.1' });
      this.logger.warn(
        `BEDROCK_BACKEND=local: answers come from the bedrock-local emulator at ${this.emulator.url} and are synthetic. Set BEDROCK_BACKEND=aws for real Bedrock.`,
      );
    }
    return this.emulator.url;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.emulator?.stop();
    this.emulator = null;
  }
}
