'use strict';
/**
 * Preload for a profiled server (`node --cpu-prof -r ./bench/lib/exit-on-sigusr2.js …`): SIGUSR2 ends
 * the process through process.exit(), the path on which Node writes the --cpu-prof file. (Nest's
 * SIGTERM hook re-raises the signal, and a process killed by a signal writes no profile.)
 */
process.on('SIGUSR2', () => process.exit(0));
