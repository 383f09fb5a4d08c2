// Deliver every outbox message that is due now, once, with the configured transport
// (SMTP_URL, or .eml files under DATA_DIR/mail), then print the counts.
// Usage: npm run outbox:drain   (safe alongside a running server: rows are claimed one by one)
import { getConfig } from "../app/services/config.server";
import { closeDb } from "../app/services/db.server";
import { describeError } from "../app/services/logger.server";
import { createMailTransport } from "../app/services/mailer.server";
import {
  deliverDueMessages,
  outboxHealth,
  type DeliveryCounts,
} from "../app/services/outbox.server";

const BATCH = 100;

async function main(): Promise<void> {
  const config = getConfig();
  const transport = createMailTransport(config);
  const now = new Date();
  const total: DeliveryCounts = { sent: 0, failed: 0, retried: 0 };
  try {
    // Every handled row leaves the due set (sent, given up, or rescheduled after `now`),
    // so batches end once one comes back short.
    for (;;) {
      const counts = await deliverDueMessages({ transport, now, limit: BATCH });
      total.sent += counts.sent;
      total.failed += counts.failed;
      total.retried += counts.retried;
      if (counts.sent + counts.failed + counts.retried < BATCH) break;
    }
    const health = outboxHealth(new Date());
    console.log(
      JSON.stringify({
        ...total,
        stillPending: health.pending,
        failedTotal: health.failed,
        transport: config.smtpUrl ? "smtp" : "file",
      }),
    );
  } finally {
    transport.close?.();
    closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(`outbox-drain: ${describeError(error)}`);
  process.exitCode = 1;
});
