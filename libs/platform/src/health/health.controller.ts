import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { HEALTH_CHECKS, type HealthCheck } from './health-check.type';

@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  /** 200 when every dependency answers, 503 with the failing ones named otherwise. */
  @Get()
  async health(): Promise<{ status: 'ok'; checks: Record<string, 'up'> }> {
    const results = await Promise.all(
      this.checks.map(async (check) => {
        try {
          await check.probe();
          return [check.name, 'up'] as const;
        } catch (error) {
          return [check.name, `down: ${error instanceof Error ? error.message : String(error)}`] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    if (results.some(([, state]) => state !== 'up')) {
      throw new HttpException({ status: 'down', checks }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', checks: checks as Record<string, 'up'> };
  }
}
