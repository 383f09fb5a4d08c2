// The one way a page shows that something was saved: the GOV.UK success banner (role="alert", so it
// is announced), with the notice the loader took (services/notice.server.ts). One per page.
import { NotificationBanner } from "./govuk";

export function NoticeBanner({ notice }: { notice: string | null | undefined }) {
  return notice ? <NotificationBanner type="success">{notice}</NotificationBanner> : null;
}
