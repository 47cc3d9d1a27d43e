import { UsageSink } from '@app/bedrock';
import { Global, Module } from '@nestjs/common';
import { InMemoryUsageSink } from './in-memory-usage.sink';

@Global()
@Module({
  providers: [
    { provide: InMemoryUsageSink, useFactory: () => new InMemoryUsageSink() },
    { provide: UsageSink, useExisting: InMemoryUsageSink },
  ],
  exports: [UsageSink, InMemoryUsageSink],
})
export class UsageSinkModule {}
