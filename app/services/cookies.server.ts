// The one cookie factory. Every cookie of ours is HttpOnly on path "/", Secure with the "__Host-"
// prefix when the service runs over HTTPS, and signed with the session secrets unless it holds
// only a random token. Without a max age it is a browser-session cookie: closing the window forgets it.
import { createCookie, type Cookie } from "@remix-run/node";
import { getConfig } from "./config.server";

export type AppCookieOptions = {
  sameSite?: "lax" | "strict";
  /** Seconds; leave out for a browser-session cookie. */
  maxAge?: number;
  /** False for a cookie that holds only a random token looked up by its hash. */
  signed?: boolean;
};

const made = new Map<string, Cookie>();

/** The cookie called `csods_<name>` (made once per process, with the settings in force then). */
export function appCookie(name: string, { sameSite = "lax", maxAge, signed = true }: AppCookieOptions = {}): Cookie {
  let cookie = made.get(name);
  if (!cookie) {
    const config = getConfig();
    cookie = createCookie(config.secureCookies ? `__Host-csods_${name}` : `csods_${name}`, {
      httpOnly: true,
      sameSite,
      secure: config.secureCookies,
      path: "/",
      ...(maxAge === undefined ? {} : { maxAge }),
      ...(signed ? { secrets: config.sessionSecrets } : {}),
    });
    made.set(name, cookie);
  }
  return cookie;
}
