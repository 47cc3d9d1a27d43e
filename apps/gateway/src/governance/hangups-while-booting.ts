import { Logger } from '@nestjs/common';

/** The reload as `afterBoot` needs it (`GovernanceConfigReload`). */
export interface BootedReload {
  reload(): Promise<unknown>;
  /** SIGHUPs its own listener has taken (and read the file for) since the app's bootstrap. */
  readonly signals: number;
}

/**
 * Node ends a process on SIGHUP unless it has a listener, and the reload's (`GovernanceConfigReload`) is
 * there only from the app's bootstrap to its shutdown hooks. Called first in main.ts, this listener keeps
 * the process alive outside that span and remembers a SIGHUP that came while it booted (PostgreSQL,
 * Redis, the budget seed: seconds, up to 15 s more on a slow ledger): once the app is up, `afterBoot`
 * reads the file again, as the signal asked, unless the reload's own listener took a signal meanwhile
 * (the boot's first Bedrock check comes after the reload's bootstrap: up to 3 s), so read the file after
 * it: reading it again read it twice. Before it, a SIGHUP sent to every instance of a fleet killed one
 * that was booting (exit 129, no log line, its spill file's lock left for 10 s; fleet review of
 * 2026-12-05). After shutdown has removed the reload's listener, a SIGHUP is ignored.
 */
export function holdHangupsWhileBooting(): { afterBoot(reload: BootedReload): void } {
  let booted = false;
  let missed = false;
  process.on('SIGHUP', () => {
    if (!booted) missed = true;
  });
  return {
    afterBoot(reload) {
      booted = true;
      // A reload the app's own listener ran read the file after every signal before it.
      if (!missed || reload.signals > 0) return;
      new Logger('Governance').log('SIGHUP came while booting: reading the config file again');
      void reload.reload();
    },
  };
}
