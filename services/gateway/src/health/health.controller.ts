import { Controller, Get, Header, HttpStatus } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem/problem-details';
import { HealthChecks, type HealthChecksResult } from './health.checks';

/** The answer when every dependency is up. */
export interface HealthyReport {
  readonly status: 'ok';
  readonly checks: HealthChecksResult;
}

/** `GET /api/health`: 200 when PostgreSQL and NATS answer, otherwise a 503 problem naming the culprits. */
@Controller('health')
export class HealthController {
  constructor(private readonly checks: HealthChecks) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    description: 'PostgreSQL and NATS answer',
    example: { status: 'ok', checks: { database: 'up', nats: 'up' } },
  })
  @ApiProblem(503, 'A dependency is down: the `checks` extension says which')
  async health(): Promise<HealthyReport> {
    const checks = await this.checks.run();
    const down = Object.entries(checks)
      .filter(([, status]) => status === 'down')
      .map(([name]) => name);
    if (down.length > 0)
      throw new ProblemException({
        type: 'urn:elan:problem:dependency-unavailable',
        title: 'A dependency of the gateway is unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: `Down: ${down.join(', ')}.`,
        checks,
      });
    return { status: 'ok', checks };
  }
}
