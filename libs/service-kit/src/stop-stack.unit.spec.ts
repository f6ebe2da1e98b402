import { Logger } from '@nestjs/common';
import { StopStack } from './stop-stack';

const quietLogger = (): Logger => {
  const logger = new Logger('test');
  logger.error = () => undefined;
  return logger;
};

describe('StopStack: what a service started, stopped once in reverse', () => {
  it('stops workers and parts in the reverse order of their start, once however often asked', async () => {
    const stack = new StopStack(quietLogger());
    const events: string[] = [];
    stack.push('the pool', async () => void events.push('stop pool'));
    await stack.start({
      name: 'the relay',
      start: () => void events.push('start relay'),
      stop: async () => void events.push('stop relay'),
    });
    await Promise.all([stack.stop(), stack.stop()]);
    await stack.stop();
    expect(events).toEqual(['start relay', 'stop relay', 'stop pool']);
  });

  it('runs every step when one fails, then rejects naming it', async () => {
    const stack = new StopStack(quietLogger());
    const stopped: string[] = [];
    stack.push('the pool', async () => void stopped.push('pool'));
    stack.push('the relay', () => Promise.reject(new Error('stuck')));
    await expect(stack.stop()).rejects.toThrow('the relay: stuck');
    expect(stopped).toEqual(['pool']);
  });

  it('refuses what starts once stopping began, and never starts a worker whose start failed into the stack', async () => {
    const stack = new StopStack(quietLogger());
    const failing = {
      name: 'the scheduler',
      start: () => Promise.reject(new Error('no table')),
      stop: jest.fn(async () => undefined),
    };
    await expect(stack.start(failing)).rejects.toThrow('no table');
    await stack.stop();
    expect(failing.stop).not.toHaveBeenCalled();
    expect(() => stack.push('late', async () => undefined)).toThrow(/stopping/);
  });
});
