// "Exit this page": leaves through here so nothing of the application stays behind in this
// browser. The draft and its cookie are deleted, the browser is told to clear this site's
// cache, cookies and storage, and the person is sent to the neutral page (EXIT_PAGE_URL).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getConfig } from "~/services/config.server";
import { discardDraft } from "~/services/drafts.server";
import { discardFlash } from "~/services/flash.server";

async function leave(request: Request): Promise<Response> {
  const headers = new Headers({
    "Clear-Site-Data": '"cache", "cookies", "storage"',
    "Cache-Control": "no-store",
  });
  headers.append("Set-Cookie", await discardDraft(request));
  headers.append("Set-Cookie", await discardFlash(request));
  return redirect(getConfig().exitPageUrl, { status: 303, headers });
}

export const loader = ({ request }: LoaderFunctionArgs) => leave(request);
export const action = ({ request }: ActionFunctionArgs) => leave(request);
