import { Logger } from '@nestjs/common';

/**
 * Node ends a process on SIGHUP unless it has a listener, and the reload's (`GovernanceConfigReload`) is
 * there only from the app's bootstrap to its shutdown hooks. Called first in main.ts, this listener keeps
 * the process alive outside that span and remembers a SIGHUP that came while it booted (PostgreSQL,
 * Redis, the budget seed: seconds, up to 15 s more on a slow ledger): once the app is up, `afterBoot`
 * reads the file again, as the signal asked. Before it, a SIGHUP sent to every instance of a fleet killed
 * one that was booting (exit 129, no log line, its spill file's lock left for 10 s; fleet review of
 * 2026-12-05). After shutdown has removed the reload's listener, a SIGHUP is ignored.
 */
export function holdHangupsWhileBooting(): { afterBoot(reload: () => Promise<unknown>): void } {
  let booted = false;
  let missed = false;
  process.on('SIGHUP', () => {
    if (!booted) missed = true;
  });
  return {
    afterBoot(reload) {
      booted = true;
      if (!missed) return;
      new Logger('Governance').log('SIGHUP came while booting: reading the config file again');
      void reload();
    },
  };
}
