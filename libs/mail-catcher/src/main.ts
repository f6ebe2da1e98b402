/**
 * The mail catcher as a process (`npm run mail-catcher`), development only. Environment:
 * MAIL_CATCHER_SMTP_PORT (default 1025), MAIL_CATCHER_HTTP_PORT (default 1080). Send with
 * SMTP_URL=smtp://127.0.0.1:1025 and read the inbox at http://localhost:1080.
 */
import { startMailCatcher } from './mail-catcher';

const port = (name: string, fallback: number): number => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) throw new Error(`${name} must be a port number, not "${value}"`);
  return Number(value);
};

async function main(): Promise<void> {
  const catcher = await startMailCatcher({
    smtpPort: port('MAIL_CATCHER_SMTP_PORT', 1025),
    httpPort: port('MAIL_CATCHER_HTTP_PORT', 1080),
  });
  process.stdout.write(`mail-catcher: SMTP on ${catcher.smtpUrl}, inbox at ${catcher.inboxUrl}\n`);
  const stop = (): void => {
    catcher.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`mail-catcher: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
