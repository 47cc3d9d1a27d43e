import { Controller, Get, Res } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/auth.decorators';
import { ReadinessService } from './readiness.service';

/** Probes for load balancers. Never need a key. */
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** 200 while the process can answer; checks nothing else (API.md). */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when ready for traffic, 503 while a dependency is down or the instance is draining. */
  @Get(['ready', ''])
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    const { status, body } = await this.readiness.check();
    void reply.status(status).header('cache-control', 'no-store');
    return body;
  }
}
