import { Controller, Get } from '@nestjs/common';
import { KnowledgeBaseList, KnowledgeBasesService } from './knowledge-bases.service';

@Controller('bedrock')
export class KnowledgeBasesController {
  constructor(private readonly knowledgeBases: KnowledgeBasesService) {}

  /** The configured knowledge bases (API.md); governance narrows this to the key's allow-list. */
  @Get('knowledge-bases')
  list(): KnowledgeBaseList {
    return this.knowledgeBases.list();
  }
}
