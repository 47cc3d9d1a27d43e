import { Module } from '@nestjs/common';
import { LocalEmulatorHost } from './local-emulator.host';

@Module({ providers: [LocalEmulatorHost], exports: [LocalEmulatorHost] })
export class BedrockBackendModule {}
