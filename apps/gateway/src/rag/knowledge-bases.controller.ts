import { GovernanceService, type Principal } from '@app/governance';
import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../common/auth/auth.decorators';
import { NoQuery } from '../common/http/no-query.dto';
import { knowledgeBaseFilter } from '../governance/allow-list-filters';
import { KnowledgeBaseList, KnowledgeBasesService } from './knowledge-bases.service';

@Controller('bedrock')
export class KnowledgeBasesController {
  constructor(
    private readonly knowledgeBases: KnowledgeBasesService,
    private readonly governance: GovernanceService,
  ) {}

  /** The configured knowledge bases (API.md); governance narrows this to the key's allow-list. */
  @Get('knowledge-bases')
  list(@CurrentPrincipal() principal: Principal | undefined, @Query() _query: NoQuery): KnowledgeBaseList {
    return this.knowledgeBases.list(knowledgeBaseFilter(this.governance, principal));
  }
}
