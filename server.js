// The portal's HTTP server: security headers, cross-site POST refusal, rate limits and
// static files in Express; everything else is the Remix app in build/.
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, installGlobals, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";
import rateLimit from "express-rate-limit";
import helmet from "helmet";

installGlobals();

const build = await import(pathToFileURL(path.resolve("build/index.js")).href);

let services;
try {
  // Validates configuration, opens and migrates the database (refusing unsafe settings),
  // and starts the background jobs. Exported by app/entry.server.tsx.
  services = await build.entry.module.startServices();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const { config } = services;
const appOrigin = new URL(config.appUrl).origin;
const MAX_BODY_BYTES = 100 * 1024;
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

const app = express();
app.disable("x-powered-by");
// Parsed and checked at start (config.server.ts): a hop count, true/false or a list, never a raw string.
app.set("trust proxy", config.trustProxy);
const { addressKey } = build.entry.module;
if (!config.rateLimits) {
  console.warn(JSON.stringify({ time: new Date().toISOString(), level: "warn", event: "rate_limits_off", advice: "RATE_LIMITS=off: per-address limits are off; limit requests at the edge" }));
}

app.use((req, res, next) => {
  res.locals.requestId = crypto.randomUUID();
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    // Path only: query strings are never logged.
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (config.env !== "test" || res.statusCode >= 500) {
      console.log(
        JSON.stringify({
          time: new Date().toISOString(),
          level: "info",
          event: "http_request",
          method: req.method,
          path: req.path.slice(0, 200),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          requestId: res.locals.requestId,
        }),
      );
    }
  });
  next();
});

app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        ...(config.secureCookies ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true },
    referrerPolicy: { policy: "no-referrer" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
  }),
);
app.use(compression());

// Fingerprinted build output never changes; GOV.UK assets change only with the package.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use("/assets", express.static("public/assets", { maxAge: "7d" }));
app.use(express.static("public", { maxAge: "1h", index: false }));

const isUnsafeMethod = (method) => !["GET", "HEAD", "OPTIONS"].includes(method);

// Refuse cross-site form posts (CSRF) before any application code runs.
app.use((req, res, next) => {
  if (!isUnsafeMethod(req.method)) return next();
  const site = req.get("sec-fetch-site");
  const origin = req.get("origin");
  // Only the configured address counts as our own: the Host header is the client's to choose.
  const ownOrigins = [appOrigin];
  const crossSite =
    (site && site !== "same-origin" && site !== "none") ||
    (origin && origin !== "null" && !ownOrigins.includes(origin)) ||
    // Our own Referrer-Policy (no-referrer) makes browsers send "Origin: null" on same-origin
    // form posts without JavaScript; Sec-Fetch-Site then says where the post really came from.
    (origin === "null" && site !== "same-origin");
  if (crossSite) return sendPlainPage(res, 403, "Request refused", "This form was sent from another website, so it was not accepted. Go back to the service and try again.");
  // Checked above: drop the opaque origin so Remix's own CSRF check does not refuse the post.
  if (origin === "null") delete req.headers.origin;
  next();
});

// Generous limits against floods; the application form has its own per-IP submission limit.
const scale = config.isProduction ? 1 : 100;
app.use(
  rateLimit({
    windowMs: 60_000,
    skip: () => !config.rateLimits,
    // One IPv6 subscriber holds a whole /64: it counts as one address.
    keyGenerator: (req) => addressKey(req.ip ?? "unknown"),
    validate: { ip: false, trustProxy: false },
    limit: (req) => (isUnsafeMethod(req.method) ? 60 : 600) * scale,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (_req, res) => sendPlainPage(res, 429, "Too many requests", "You have made too many requests in a short time. Wait a minute, then try again."),
  }),
);

// Every body, whatever the method or framing (Content-Length or chunked), is counted as it
// arrives and refused with 413 once past the limit, before anything parses it. What is
// accepted is held (at most MAX_BODY_BYTES) and handed to Remix whole.
app.use((req, res, next) => {
  const declared = req.get("content-length");
  const chunked = req.get("transfer-encoding") !== undefined;
  if (!chunked && !(Number(declared) > 0)) return next();
  if (Number(declared) > MAX_BODY_BYTES) return refuseTooLarge(req, res);
  const chunks = [];
  let size = 0;
  const stop = () => {
    req.off("data", onData);
    req.off("end", onEnd);
    req.off("error", onError);
  };
  const onData = (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      stop();
      chunks.length = 0;
      refuseTooLarge(req, res);
    } else chunks.push(chunk);
  };
  const onEnd = () => {
    stop();
    res.locals.body = Buffer.concat(chunks, size);
    next();
  };
  const onError = (error) => {
    stop();
    next(error);
  };
  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", onError);
});

function refuseTooLarge(req, res) {
  sendPlainPage(res, 413, "Too much information sent", "The form sent was larger than the service accepts. Go back and shorten your answers.");
  // The rest is read and thrown away (memory stays flat) so the client sees the answer; a sender
  // that goes on and on is cut off.
  let drained = 0;
  const cutOff = () => req.socket?.destroy();
  const timer = setTimeout(cutOff, 10_000).unref();
  req.on("data", (chunk) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) cutOff();
  });
  req.on("end", () => clearTimeout(timer));
  req.on("close", () => clearTimeout(timer));
  req.resume();
}

app.use((_req, res, next) => {
  // Every dynamic page may hold personal data: never store it in a cache.
  res.set("Cache-Control", "no-store");
  next();
});

const handleRemix = createRequestHandler(build, config.isProduction ? "production" : "development");
app.all("*", async (req, res, next) => {
  try {
    // The address comes from APP_URL, never from the Host header the client sent.
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`${appOrigin}${req.originalUrl}`, {
      method: req.method,
      headers: headersOf(req),
      signal: controller.signal,
      ...(hasBody ? { body: res.locals.body ?? Buffer.alloc(0) } : {}),
    });
    const response = await handleRemix(request, {
      cspNonce: res.locals.cspNonce,
      requestId: res.locals.requestId,
      clientIp: req.ip ?? "unknown",
    });
    res.status(response.status);
    for (const [key, value] of response.headers.entries()) res.append(key, value);
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  } catch (error) {
    next(error);
  }
});

// Last resort: a generic page with a reference, never a stack trace.
// Express knows an error handler by its four parameters, so `_next` stays.
app.use((error, _req, res, _next) => {
  console.error(JSON.stringify({ time: new Date().toISOString(), level: "error", event: "unhandled_error", requestId: res.locals.requestId, error: String(error?.message ?? error).slice(0, 300) }));
  sendPlainPage(res, 500, "Sorry, there is a problem with the service", `Try again later. If you contact us, quote reference ${res.locals.requestId}.`);
});

function headersOf(req) {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const each of value) headers.append(key, each);
    else if (value !== undefined) headers.set(key, value);
  }
  return headers;
}

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendPlainPage(res, status, title, message) {
  res
    .status(status)
    .set("Cache-Control", "no-store")
    .type("html")
    .send(
      `<!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/assets/govuk-frontend.min.css"></head>` +
        `<body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">` +
        `<h1 class="govuk-heading-l">${escapeHtml(title)}</h1><p class="govuk-body">${escapeHtml(message)}</p>` +
        `<p class="govuk-body"><a class="govuk-link" href="/">Go to the start page</a></p></main></div></body></html>`,
    );
}

const server = app.listen(config.port, config.host, () => {
  console.log(`CSODS portal listening on ${config.appUrl} (port ${config.port})`);
});

function shutdown(signal) {
  console.log(`${signal} received: closing`);
  server.close(async () => {
    await services.stop();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
