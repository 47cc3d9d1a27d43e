import { EmulatorError } from '../errors/emulator-error';
import { parseFaultRules } from '../faults/fault-rule';
import { parseScriptRules } from '../scripts/script-rule';
import { ADMIN_BODY_LIMIT } from '../server/body-limits';
import { readBody } from '../server/body-reader';
import type { HttpExchange } from '../server/http-exchange';
import { newRequestId, sendError, sendJson } from '../server/response-writer';
import type { EmulatorControl } from './emulator-control';
import { parseJsonBody } from './request-context';

export const ADMIN_PREFIX = '/_emulator/';

/**
 * The control endpoint a test in another process uses to configure a running emulator. Not part of
 * Bedrock: no auth, not logged, not subject to faults.
 *
 *   GET /_emulator/health                      {"status":"ok"}
 *   GET|POST|PUT|DELETE /_emulator/faults      list | add | replace | clear fault rules
 *   GET|PUT|DELETE /_emulator/scripts          list | replace | clear scripted responses
 *   GET|DELETE /_emulator/requests             the request log | clear it
 *   POST /_emulator/reset                      faults and scripts back to the start options, log cleared
 */
export class AdminHandler {
  constructor(private readonly control: EmulatorControl) {}

  async handle(exchange: HttpExchange): Promise<void> {
    const requestId = newRequestId();
    try {
      const body = await this.answer(exchange);
      sendJson(exchange, requestId, 200, body);
    } catch (error) {
      const emulatorError =
        error instanceof EmulatorError
          ? error
          : EmulatorError.validation(error instanceof Error ? error.message : String(error));
      sendError(exchange, requestId, emulatorError);
    }
  }

  private async answer(exchange: HttpExchange): Promise<unknown> {
    const { control } = this;
    const resource = exchange.path.slice(ADMIN_PREFIX.length).replace(/\/$/, '');
    const route = `${exchange.method} ${resource}`;
    const body = async (): Promise<unknown> =>
      parseJsonBody(await readBody(exchange, ADMIN_BODY_LIMIT), false);
    switch (route) {
      case 'GET health':
        return { status: 'ok' };
      case 'GET faults':
        return { faults: control.faults };
      case 'POST faults':
        control.addFaults(parseFaultRules(await body()));
        return { faults: control.faults };
      case 'PUT faults':
        control.setFaults(parseFaultRules(await body()));
        return { faults: control.faults };
      case 'DELETE faults':
        control.clearFaults();
        return { faults: control.faults };
      case 'GET scripts':
        return { rules: control.scripts };
      case 'PUT scripts':
        control.setScripts(parseScriptRules(await body()));
        return { rules: control.scripts };
      case 'DELETE scripts':
        control.setScripts([]);
        return { rules: control.scripts };
      case 'GET requests':
        return { requests: control.requests };
      case 'DELETE requests':
        control.clearRequests();
        return { requests: [] };
      case 'POST reset':
        control.reset();
        return { status: 'reset' };
      default:
        throw new EmulatorError('UnknownOperationException', 404, `No admin operation ${route}.`);
    }
  }
}
