'use strict';
/**
 * Preload (`node -r ./bench/lib/loopback-only.js …`) for servers that have no host flag, such as
 * Portkey's start-server.js: a listen() without an explicit host binds 127.0.0.1 instead of every
 * interface, so the benchmark never exposes a server beyond this machine.
 */
const net = require('node:net');

const WILDCARD = new Set([undefined, null, '', '0.0.0.0', '::']);
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    if (typeof args[1] === 'function') args.splice(1, 0, '127.0.0.1');
    else if (WILDCARD.has(args[1])) args[1] = '127.0.0.1';
  } else if (args[0] && typeof args[0] === 'object' && WILDCARD.has(args[0].host)) {
    args[0] = { ...args[0], host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
