// The one cookie factory. Every cookie of ours is HttpOnly on path "/", Secure with the "__Host-"
// prefix when the service runs over HTTPS, and signed with the session secrets unless it holds
// only a random token. Without a max age it is a browser-session cookie: closing the window forgets it.
import { createCookie, type Cookie } from "@remix-run/node";
import { getConfig, type Config } from "./config.server";

export type AppCookieOptions = {
  sameSite?: "lax" | "strict";
  /** Seconds; leave out for a browser-session cookie. */
  maxAge?: number;
  /** False for a cookie that holds only a random token looked up by its hash. */
  signed?: boolean;
};

// Made once per configuration: a cookie's name, flags and secrets all come from it.
const made = new WeakMap<Config, Map<string, Cookie>>();

/** The cookie called `csods_<name>`, with the settings in force. */
export function appCookie(name: string, { sameSite = "lax", maxAge, signed = true }: AppCookieOptions = {}): Cookie {
  const config = getConfig();
  let cookies = made.get(config);
  if (!cookies) made.set(config, (cookies = new Map()));
  let cookie = cookies.get(name);
  if (!cookie) {
    cookie = createCookie(config.secureCookies ? `__Host-csods_${name}` : `csods_${name}`, {
      httpOnly: true,
      sameSite,
      secure: config.secureCookies,
      path: "/",
      ...(maxAge === undefined ? {} : { maxAge }),
      ...(signed ? { secrets: config.sessionSecrets } : {}),
    });
    cookies.set(name, cookie);
  }
  return cookie;
}
