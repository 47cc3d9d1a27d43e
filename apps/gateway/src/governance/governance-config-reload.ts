import { GovernanceService, hasApiKeys, withoutBudgets } from '@app/governance';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { GatewayConfig, readGovernanceFile } from '../config/gateway-config';
import { BudgetSeeding } from '../usage/budget-seeding';

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
  private readonly onSignal = (): void => {
    this.taken += 1;
    void this.reload();
  };
  private taken = 0;
  /** The reload under way, if any: reloads run one after another, so the last file read wins. */
  private running: Promise<boolean> | null = null;

  constructor(
    private readonly governance: GovernanceService,
    private readonly config: GatewayConfig,
    private readonly budgets: BudgetSeeding,
  ) {}

  /** SIGHUPs this listener has taken since the app's bootstrap (main.ts's `holdHangupsWhileBooting`). */
  get signals(): number {
    return this.taken;
  }

  onApplicationBootstrap(): void {
    process.on('SIGHUP', this.onSignal);
  }

  onApplicationShutdown(): void {
    process.off('SIGHUP', this.onSignal);
  }

  /**
   * True when the file was put in force. It is in force when this returns, but for the budgets it adds:
   * their counters start from the usage ledger's spend first (`BudgetSeeding`, up to 15 s), so that they
   * count what was spent before them; the rest of the file applies at once.
   */
  reload(): Promise<boolean> {
    const run = this.running ? this.running.then(() => this.readAndApply()) : this.readAndApply();
    const tracked = run.finally(() => {
      if (this.running === tracked) this.running = null;
    });
    this.running = tracked;
    return tracked;
  }

  private async readAndApply(): Promise<boolean> {
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
      const added = this.governance.budgetsAddedBy(next);
      if (added.size > 0) {
        // Everything else (a revoked key…) is in force at once; the added budgets once their counters
        // start from what was spent before them.
        this.governance.reload(withoutBudgets(next, added));
        await this.budgets.seedAdded(next, added);
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
