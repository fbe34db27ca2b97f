/**
 * `npm start`: open the database (PGlite data folder by default, or DATABASE_URL), migrate, load demo
 * data on a fresh database, listen, and print the URL and the demo logins.
 */
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './adapters/db/database.ts';
import { systemClock } from './adapters/system-clock.ts';
import { isAppError } from './kernel/errors.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, initialiseDatabase } from './demo/seed.ts';
import { SmtpMailer } from './adapters/mail/smtp-mailer.ts';
import { HttpSmsGateway } from './adapters/sms/http-sms-gateway.ts';
import { NotificationDispatcher } from './modules/notifications/dispatcher.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const init = await initialiseDatabase(database, {
    demo: config.demo,
    adminPassword: config.adminPassword,
    now: systemClock.now(),
  });
  const app = await buildApp({ database, clock: systemClock, config });
  await app.listen({ port: config.port, host: config.host });

  // Notifications: outbox → e-mail / SMS, after listen; a channel without a transport stays queued.
  const mailer = config.smtp ? new SmtpMailer(config.smtp) : undefined;
  const dispatcher = new NotificationDispatcher({
    database,
    clock: systemClock,
    publicBaseUrl: config.publicBaseUrl,
    mailer,
    sms: config.sms ? new HttpSmsGateway(config.sms) : undefined,
    maxAttempts: config.notifyMaxAttempts,
    retryBaseMs: config.notifyRetryBaseSeconds * 1000,
    intervalMs: config.notifyIntervalSeconds * 1000,
    log: app.log.child({ module: 'notifications' }),
  });
  dispatcher.start();

  const lines = [
    '',
    `MotCua is running at ${config.publicBaseUrl}  (database: ${database.engine === 'pg' ? 'PostgreSQL server' : `PGlite in ${config.dataDir}`}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  API documentation: ${config.publicBaseUrl}/api/v1/docs   health: ${config.publicBaseUrl}/health`,
  ];
  if (init.generatedAdminPassword)
    lines.push(`  Administrator: admin / ${init.generatedAdminPassword}   (shown once — write it down)`);
  else if (init.fresh) lines.push('  Administrator: admin / (MOTCUA_ADMIN_PASSWORD)');
  if (config.demo) {
    lines.push(`  Demo accounts (password "${DEMO_PASSWORD}" for each):`);
    for (const a of DEMO_ACCOUNTS)
      lines.push(
        `    ${a.username.padEnd(20)} ${a.grants.map((g) => `${g.role}${Object.values(g.scope).length ? ` @ ${Object.values(g.scope).join(',')}` : ''}`).join('; ')}`,
      );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ event: 'shutdown', signal }, 'shutting down');
    await dispatcher.stop();
    await mailer?.close();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (isAppError(error)) {
    process.stderr.write(`MotCua could not start: [${error.code}] ${error.message}\n`);
  } else {
    process.stderr.write(
      `MotCua could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
