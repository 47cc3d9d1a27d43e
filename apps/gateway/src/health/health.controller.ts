import { Controller, Get } from '@nestjs/common';
import { Public } from '../common/auth/auth.decorators';

/** Probes for load balancers. Never need a key. */
@Public()
@Controller('health')
export class HealthController {
  /** 200 while the process can answer; checks nothing else (API.md). */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
