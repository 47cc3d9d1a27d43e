import { UsageInterceptor } from '@app/bedrock';
import { Controller, Post, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public } from '../common/auth/auth.decorators';
import { GovernedModelRoute } from './governed-model-route.decorator';
import { ModelPolicyInterceptor } from './model-policy.interceptor';
import { auditModelRoutes } from './model-route.audit';

@Controller('ok')
@UseInterceptors(UsageInterceptor)
class GovernedController {
  @Post('chat')
  @GovernedModelRoute()
  chat(): void {}

  /** Not a route (no HTTP method decorator): never audited. */
  helper(): void {}
}

@Controller('forgot')
@UseInterceptors(UsageInterceptor)
class ForgetfulController {
  @Post('rag')
  rag(): void {}
}

@Controller('wrong-order')
class WrongOrderController {
  @Post('chat')
  @UseInterceptors(ModelPolicyInterceptor, UsageInterceptor)
  chat(): void {}
}

@Controller('public')
@Public()
@UseInterceptors(UsageInterceptor)
class PublicModelController {
  @Post('chat')
  @GovernedModelRoute()
  chat(): void {}
}

@Controller('plain')
class PlainController {
  @Post('thing')
  thing(): void {}
}

describe('auditModelRoutes', () => {
  const audit = (...controllers: (new () => unknown)[]) => auditModelRoutes(controllers, new Reflector());

  it('accepts governed model routes and routes that call no model', () => {
    // Act / Assert
    expect(audit(GovernedController, PlainController)).toEqual([]);
  });

  it('reports a route that records model usage without @GovernedModelRoute()', () => {
    // Act / Assert
    expect(audit(ForgetfulController)).toEqual([
      'ForgetfulController.rag calls a model without @GovernedModelRoute()',
    ]);
  });

  it('reports a policy placed outside the usage interceptor, or put there by hand', () => {
    // Act
    const problems = audit(WrongOrderController);
    // Assert
    expect(problems).toEqual([
      'WrongOrderController.chat: UsageInterceptor must come before the policy',
      'WrongOrderController.chat uses ModelPolicyInterceptor directly; use @GovernedModelRoute()',
    ]);
  });

  it('reports a public model route', () => {
    // Act / Assert
    expect(audit(PublicModelController)).toEqual([
      'PublicModelController.chat is a model route and cannot be @Public()',
    ]);
  });
});
