import { GovernanceService, hasApiKeys } from '@app/governance';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { GatewayConfig, readGovernanceFile } from '../config/gateway-config';

/**
 * SIGHUP reads the GATEWAY_CONFIG file again and puts it in force without a restart: a revoked key is
 * refused, a new key, tenant, allow-list, budget or rate applies from the next request. A file that does
 * not load or validate, or holds no key while authentication is on, is logged and the running
 * configuration stays.
 * Without the listener, Node's default for SIGHUP would end the process without draining.
 */
@Injectable()
export class GovernanceConfigReload implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Governance');
  private readonly onSignal = (): void => void this.reload();

  constructor(
    private readonly governance: GovernanceService,
    private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    process.on('SIGHUP', this.onSignal);
  }

  onApplicationShutdown(): void {
    process.off('SIGHUP', this.onSignal);
  }

  /** True when the file was put in force. */
  reload(): boolean {
    const path = this.config.env.GATEWAY_CONFIG;
    if (path === undefined) {
      this.logger.warn('SIGHUP: no GATEWAY_CONFIG file to reload');
      return false;
    }
    try {
      const next = readGovernanceFile(path, this.config.production)!;
      // Without keys authentication is off (local mode): a half-written or emptied file must not open a
      // running gateway to every caller. Turning authentication off takes a restart.
      if (this.governance.authEnabled && !hasApiKeys(next)) {
        throw new Error(`${path} defines no API key; a reload does not turn authentication off`);
      }
      this.governance.reload(next);
      const keys = next.tenants.reduce((total, tenant) => total + tenant.keys.length, 0);
      this.logger.log(`reloaded ${path}: ${next.tenants.length} tenants, ${keys} keys`);
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`SIGHUP: ${reason}; the running configuration stays in force`);
      return false;
    }
  }
}
