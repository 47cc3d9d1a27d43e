import { Call, CallRecord, UsageInterceptor } from '@app/bedrock';
import { GovernanceService, type Principal } from '@app/governance';
import { Body, Controller, HttpCode, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../common/auth/auth.decorators';
import { requestAbort } from '../common/http/client-abort';
import { knowledgeBaseFilter } from '../governance/allow-list-filters';
import { GovernedModelRoute } from '../governance/governed-model-route.decorator';
import { RagRequestDto } from './dto/rag-request.dto';
import type { RagResponse } from './rag-response';
import { RagService } from './rag.service';

@Controller('bedrock')
@UseInterceptors(UsageInterceptor)
export class RagController {
  constructor(
    private readonly rag: RagService,
    private readonly governance: GovernanceService,
  ) {}

  @Post('chat/rag')
  @HttpCode(200)
  @GovernedModelRoute({ knowledgeBase: true })
  answer(
    @Body() dto: RagRequestDto,
    @Call() record: CallRecord,
    @CurrentPrincipal() principal: Principal | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RagResponse> {
    return this.rag.answer(dto, {
      record,
      requestId: request.id,
      startedAt: request.startedAt,
      abort: requestAbort(reply),
      visible: knowledgeBaseFilter(this.governance, principal),
    });
  }
}
