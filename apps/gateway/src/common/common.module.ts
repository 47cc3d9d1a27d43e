import { Global, Module } from '@nestjs/common';
import { KnowledgeBaseRegistry } from './knowledge-bases/knowledge-base.registry';

/** Providers used by several features (they never import each other). */
@Global()
@Module({ providers: [KnowledgeBaseRegistry], exports: [KnowledgeBaseRegistry] })
export class CommonModule {}
