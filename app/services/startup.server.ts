import { getConfig, loadConfig, type Config } from "./config.server";
import { closeDb, getDb, reclaimSpace } from "./db.server";
import { ensureDemoAccounts, demoInstructions, hasDemoAccounts } from "./demo.server";
import { purgeExpiredDrafts } from "./drafts.server";
import { purgeExpiredFlash } from "./flash.server";
import { describeError, log } from "./logger.server";
import { createMailTransport } from "./mailer.server";
import { backupDirectory, startBackupSchedule } from "./backup.server";
import { assertSafeForProduction, demoAccountsPresent } from "./production-safety.server";
import { seedBankHolidaysIfEmpty } from "./bank-holidays.server";
import { purgeSentMessages, startOutboxWorker } from "./outbox.server";
import { sendClockReminders, sendUrgentEscalations } from "./staff-notifications.server";
import { now } from "./app-clock.server";
import { loadCommonPasswords } from "./passwords.server";

const DRAFT_PURGE_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Called once by server.js before it listens: validates configuration and opens the
 * database (throwing, so the server refuses to start, if either is unsafe), then starts
 * the background jobs. A failing job is logged; it never stops the service.
 */
export async function startServices(): Promise<{ config: Config; stop: () => Promise<void> }> {
  loadConfig(); // throws a ConfigError naming each bad variable
  const config = getConfig();
  getDb(); // opens, checks the pragmas, applies migrations
  if (config.isProduction) {
    // http APP_URL, demo accounts, files open to others, no TOTP_KEY: each refused, naming the fix.
    assertSafeForProduction({ config, backupDir: backupDirectory(), demoAccounts: demoAccountsPresent() });
  }
  loadCommonPasswords(); // ~0.3 s once, at start rather than on someone's first password change
  seedBankHolidaysIfEmpty();
  if (!config.isProduction) {
    await ensureDemoAccounts();
    if (hasDemoAccounts()) console.log(demoInstructions());
  }

  const outboxWorker = startOutboxWorker({
    intervalMs: config.outboxPollMs,
    transport: createMailTransport(config),
  });
  const purge = () => {
    try {
      purgeExpiredFlash();
      purgeSentMessages(now());
      const purged = purgeExpiredDrafts();
      if (purged > 0) log.info("drafts_purged", { count: purged });
      const freedPages = reclaimSpace();
      if (freedPages > 0) log.info("space_reclaimed", { pages: freedPages });
    } catch (error) {
      log.error("drafts_purge_failed", { error: describeError(error) });
    }
  };
  purge();
  const purgeTimer = setInterval(purge, DRAFT_PURGE_INTERVAL_MS);
  purgeTimer.unref();

  // Clocks due within 24 hours or overdue: reminders to the assignee and managers (each once);
  // urgent cases past their short clock: one escalation each to the managers and the duty address.
  const remind = () => {
    try {
      sendUrgentEscalations(now());
      sendClockReminders(now());
    } catch (error) {
      log.error("clock_reminders_failed", { error: describeError(error) });
    }
  };
  remind();
  const reminderTimer = setInterval(remind, config.reminderPollMs);
  reminderTimer.unref();

  // Online backups on a schedule (settings backup.intervalMinutes / backup.keep); failures are logged.
  const backups = startBackupSchedule();

  return {
    config,
    async stop() {
      clearInterval(purgeTimer);
      clearInterval(reminderTimer);
      await outboxWorker.stop();
      await backups.stop(); // before closing the connection a backup may still be using
      closeDb();
    },
  };
}
