import { Module } from '@nestjs/common';
import { KnowledgeBasesController } from './knowledge-bases.controller';
import { KnowledgeBasesService } from './knowledge-bases.service';
import { ManagedRagService } from './managed/managed-rag.service';
import { ManagedRetrieveAndGenerate } from './managed/managed-retrieve-and-generate';
import { RagController } from './rag.controller';
import { RagService } from './rag.service';
import { KnowledgeBaseRetriever } from './retrieval/knowledge-base-retriever';
import { KnowledgeBaseUpstream } from './retrieval/knowledge-base-upstream';

/** POST /bedrock/chat/rag and GET /bedrock/knowledge-bases. */
@Module({
  controllers: [RagController, KnowledgeBasesController],
  providers: [
    RagService,
    ManagedRagService,
    ManagedRetrieveAndGenerate,
    KnowledgeBaseRetriever,
    KnowledgeBaseUpstream,
    KnowledgeBasesService,
  ],
})
export class RagModule {}
