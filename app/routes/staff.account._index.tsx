import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button, SummaryList, Table, Tag } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { CsrfInput } from "~/components/staff-form";
import { formatDateTime } from "~/domain/time";
import { ROLE_NAMES } from "~/domain/roles";
import { requireStaff } from "~/services/guard.server";
import { setOnDuty } from "~/services/staff-accounts.server";
import { endSession, listSessions } from "~/services/staff-sessions.server";

export const meta: MetaFunction = () => staffPageTitle("Your account");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, session } = await requireStaff(request, context, "any-staff");
  return {
    email: user.email,
    isReviewer: user.roles.includes("reviewer"),
    onDuty: user.onDuty,
    name: user.displayName,
    roles: user.roles.map((r) => ROLE_NAMES[r]),
    secondFactorSince: user.totpEnrolledAt ? formatDateTime(user.totpEnrolledAt) : null,
    passwordChanged: user.passwordChangedAt ? formatDateTime(user.passwordChangedAt) : null,
    sessions: listSessions(user.id)
      .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())
      .map((s) => ({
        id: s.id,
        current: s.id === session.id,
        started: formatDateTime(s.createdAt),
        lastSeen: formatDateTime(s.lastSeenAt),
        browser: describeBrowser(s.userAgent),
        ip: s.ipAddress ?? "Unknown",
      })),
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("end-session"), sessionId: z.string().max(100) }),
  z.object({ intent: z.literal("duty"), onDuty: z.enum(["yes", "no"]) }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, context, "any-staff");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status === "success") {
    const value = submission.value;
    if (value.intent === "duty") {
      setOnDuty(user.id, value.onDuty === "yes", context.requestId);
    } else {
      // Only the person's own sessions can be ended here.
      const own = listSessions(user.id).find((s) => s.id === value.sessionId);
      if (own) endSession(own.id);
    }
  }
  return redirect("/staff/account", { status: 303 });
}

function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrome\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : "Other browser";
  const os = /Windows/.test(userAgent) ? "Windows" : /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS" : /Mac OS/.test(userAgent) ? "macOS" : /Linux/.test(userAgent) ? "Linux" : "";
  return os ? `${browser} on ${os}` : browser;
}

export default function AccountPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Your account</h1>
      <SummaryList
        rows={[
          { key: "Name", value: data.name },
          { key: "Email", value: data.email },
          { key: "Roles", value: data.roles.join(", ") },
          {
            key: "Password",
            value: data.passwordChanged ? `Last changed ${data.passwordChanged}` : "Set",
            actions: [{ href: "/staff/account/password", text: "Change", visuallyHiddenText: "password" }],
          },
          { key: "Second factor", value: data.secondFactorSince ? `Authenticator app, set up ${data.secondFactorSince}` : "Not set up" },
          ...(data.isReviewer
            ? [{ key: "Urgent application alerts", value: data.onDuty ? "On duty: you are emailed about new urgent applications" : "Off duty: you are not emailed about new urgent applications" }]
            : []),
        ]}
      />
      {data.isReviewer ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="duty" />
          <input type="hidden" name="onDuty" value={data.onDuty ? "no" : "yes"} />
          <Button variant="secondary">{data.onDuty ? "Go off duty" : "Go on duty"}</Button>
        </Form>
      ) : null}
      <h2 className="govuk-heading-m">Where you are signed in</h2>
      <Table
        caption="Your sessions"
        captionClassName="govuk-visually-hidden"
        head={["Browser", "IP address", "Signed in", "Last active", "Action"]}
        rows={data.sessions.map((s) => [
          s.browser,
          s.ip,
          s.started,
          s.lastSeen,
          s.current ? (
            <Tag colour="green">This session</Tag>
          ) : (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="end-session" />
              <input type="hidden" name="sessionId" value={s.id} />
              <Button variant="secondary" className="govuk-!-margin-bottom-0">
                End session<span className="govuk-visually-hidden"> started {s.started}</span>
              </Button>
            </Form>
          ),
        ])}
      />
    </>
  );
}
