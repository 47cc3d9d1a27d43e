import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { BedrockReachability } from '../bedrock-reachability.service';

/** `bedrock`: up when a configured region answered the last background check (at most 30 s ago). */
@Injectable()
export class BedrockHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly reachability: BedrockReachability,
  ) {}

  check(key = 'bedrock'): HealthIndicatorResult {
    const indicator = this.indicators.check(key);
    const { up, regions } = this.reachability.status();
    return up ? indicator.up({ regions }) : indicator.down({ regions });
  }
}
