import { Body, Controller, HttpCode, Injectable, Post } from '@nestjs/common';
import { Authenticated } from '../auth/auth.decorators';

/** Side effects the test can count, and a request it holds open until it says so. */
@Injectable()
export class Effects {
  counted = 0;
  entered = 0;
  private releaseHeld: (() => void) | undefined;
  readonly held = new Promise<void>((resolve) => (this.releaseHeld = resolve));

  release(): void {
    this.releaseHeld?.();
  }
}

@Controller('test-idempotency')
export class EffectsController {
  constructor(private readonly effects: Effects) {}

  @Post('count')
  @Authenticated()
  count(): { count: number } {
    this.effects.counted += 1;
    return { count: this.effects.counted };
  }

  @Post('silent')
  @HttpCode(204)
  silent(): void {
    this.effects.counted += 1;
  }

  @Post('held')
  @HttpCode(202)
  async held(@Body() body: unknown): Promise<{ echoed: unknown; count: number }> {
    this.effects.entered += 1;
    await this.effects.held;
    return { echoed: body, count: this.effects.entered };
  }
}
