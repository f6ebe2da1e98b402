import { Logger } from '@nestjs/common';
import { reasonOf } from '@elan/messaging';
import { startObservability } from './observability';

/** After an orderly stop, anything still holding the process is a bug worth a loud exit. */
const EXIT_WATCHDOG_MS = 10_000;

/** What a `main.ts` runs: something to stop, and a line saying where it runs. */
export interface MainService {
  readonly description: string;
  close(): Promise<void>;
}

/**
 * A service's `main.ts`: starts it, logs `ready` and, when started with an IPC channel (`fork`),
 * sends the parent the message `'ready'`. SIGINT or SIGTERM stop it cleanly (a signal during
 * start-up waits for the start, then stops what it started); a second signal is reported and
 * ignored. A configuration error is reported without a stack, and the exit code is 1.
 */
export function runMain(name: string, start: () => Promise<MainService>): void {
  let service: Promise<MainService>;
  const logger = new Logger(name);
  try {
    // Logs and metrics first, so the start-up itself is logged as JSON and measured.
    const observability = startObservability(name.replace(/ service$/, ''), process.env);
    const started = start();
    service = Promise.all([started, observability.metrics]).then(([running, metrics]) => ({
      description: metrics ? `${running.description} (metrics: ${metrics.url})` : running.description,
      close: () => running.close().finally(() => metrics?.close()),
    }));
  } catch (error) {
    // Configuration errors (a missing variable, a bad value): say which, without a stack.
    logger.error(reasonOf(error));
    process.exit(1);
  }
  let stopping: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return void logger.warn(`${signal} again: already stopping`);
    logger.log(`${signal}: stopping`);
    stopping = service
      .then((running) => running.close())
      .then(
        () => {
          logger.log(`${name} stopped`);
          // An open IPC channel would keep the process alive once everything else stopped.
          if (process.connected) process.disconnect();
          setTimeout(() => {
            logger.error(`still running ${EXIT_WATCHDOG_MS / 1000} s after stopping: something was left open`);
            process.exit(1);
          }, EXIT_WATCHDOG_MS).unref();
        },
        (error: unknown) => {
          logger.error(reasonOf(error));
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  service.then(
    ({ description }) => {
      if (stopping) return;
      logger.log(`${name} ready: ${description}`);
      if (process.connected) process.send?.('ready');
    },
    (error: unknown) => {
      logger.error(`${name} could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
