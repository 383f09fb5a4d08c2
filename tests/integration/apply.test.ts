import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import * as applicantRoute from "~/routes/apply.applicant";
import * as checkRoute from "~/routes/apply.check";
import * as childrenRoute from "~/routes/apply.children._index";
import * as childRoute from "~/routes/apply.children.$index";
import * as removeChildRoute from "~/routes/apply.children.$index_.remove";
import * as concernRoute from "~/routes/apply.concern";
import * as confirmationRoute from "~/routes/apply.confirmation";
import * as contactRoute from "~/routes/apply.contact";
import * as dangerRoute from "~/routes/apply.danger";
import * as declarationsRoute from "~/routes/apply.declarations";
import * as subjectContactRoute from "~/routes/apply.subject-contact";
import * as subjectRoute from "~/routes/apply.subject";
import * as healthRoute from "~/routes/healthz";
import { isValidReference } from "~/domain/reference";
import { getConfig } from "~/services/config.server";
import { toFormData, validAnswers } from "../support/answers";
import { Browser, locationOf } from "../support/routes";

function readDb() {
  return new Database(getConfig().databasePath, { readonly: true });
}

/** Answers every page as a person would, ending on check your answers. */
async function answerEverything(browser: Browser, overrides: { danger?: string; childName?: string } = {}) {
  const steps: Array<[string, Parameters<Browser["post"]>[1], Record<string, string | readonly string[]>, Record<string, string>?]> = [
    ["/apply/danger", dangerRoute.action, { childInDanger: overrides.danger ?? "no" }],
    ["/apply/applicant", applicantRoute.action, validAnswers.applicant],
    ["/apply/contact", contactRoute.action, validAnswers.contact],
    ["/apply/children/1", childRoute.action, { ...validAnswers.child, fullName: overrides.childName ?? "Casey Child" }, { index: "1" }],
    ["/apply/children", childrenRoute.action, { addAnother: "no" }],
    ["/apply/subject", subjectRoute.action, validAnswers.subject],
    ["/apply/subject-contact", subjectContactRoute.action, validAnswers.subjectContact],
    ["/apply/concern", concernRoute.action, validAnswers.concern],
    ["/apply/declarations", declarationsRoute.action, validAnswers.declarations],
  ];
  for (const [path, action, values, params] of steps) {
    const response = await browser.post(path, action, toFormData(values), params);
    expect(response.status, path).toBe(303);
    expect(locationOf(response), `${path} should not show errors`).not.toBe(path);
  }
}

beforeAll(() => {
  process.env.SUBMISSIONS_PER_IP_PER_HOUR = "3";
});

describe("the application journey against a real database", () => {
  it("moves page by page and stores one case with its people, events and acknowledgement", async () => {
    const browser = new Browser("198.51.100.1");
    const first = await browser.post("/apply/danger", dangerRoute.action, toFormData({ childInDanger: "no" }));
    expect(locationOf(first)).toBe("/apply/applicant");
    expect(first.headers.get("Set-Cookie")).toMatch(/^csods_draft=.+HttpOnly; SameSite=Lax/);

    await answerEverything(browser, { childName: "Robin Unique" });
    const check = await browser.get("/apply/check", checkRoute.loader);
    expect(check.status).toBe(200);

    const sent = await browser.post("/apply/check", checkRoute.action, new URLSearchParams());
    expect(locationOf(sent)).toBe("/apply/confirmation");
    const { reference } = (await (await browser.get("/apply/confirmation", confirmationRoute.loader)).json()) as { reference: string };
    expect(isValidReference(reference)).toBe(true);

    const db = readDb();
    const caseRow = db.prepare("select * from cases where reference = ?").get(reference) as Record<string, unknown>;
    expect(caseRow).toMatchObject({ status: "received", channel: "online", urgent: 0 });
    const people = db.prepare("select role, full_name from case_people where case_id = ? order by id").all(caseRow.id);
    expect(people).toEqual([
      { role: "applicant", full_name: "Alex Applicant" },
      { role: "child", full_name: "Robin Unique" },
      { role: "subject", full_name: "Sam Subject" },
    ]);
    expect(db.prepare("select type from case_events where case_id = ?").all(caseRow.id)).toEqual([{ type: "application_received" }]);
    const mail = db.prepare("select * from outbox where to_address = ? order by id desc").get("alex@example.org") as Record<string, string>;
    expect(mail.text_body).toContain(reference);
    for (const secret of ["Robin", "Sam Subject", "Alex", "alone with her"]) {
      expect(mail.text_body).not.toContain(secret);
      expect(mail.subject).not.toContain(secret);
    }
    // The draft keeps only its link to the case: the answers are not kept twice.
    const draft = db.prepare("select data from application_drafts where submitted_case_id = ?").get(caseRow.id) as { data: string };
    expect(JSON.parse(draft.data)).toEqual({});
    db.close();
  });

  it("keeps the answers and shows the errors after a failed page (POST, 303, GET)", async () => {
    const browser = new Browser("198.51.100.2");
    const posted = await browser.post(
      "/apply/applicant",
      applicantRoute.action,
      toFormData({ ...validAnswers.applicant, fullName: "Kept Name", dobDay: "31", dobMonth: "2", dobYear: "2020" }),
    );
    expect(posted.status).toBe(303);
    expect(locationOf(posted)).toBe("/apply/applicant");
    const page = (await (await browser.get("/apply/applicant", applicantRoute.loader)).json()) as {
      hasErrors: boolean;
      lastResult: { initialValue: Record<string, string>; error: Record<string, string[]> };
    };
    expect(page.hasErrors).toBe(true);
    expect(page.lastResult.error.dob).toEqual(["Your date of birth must be a real date"]);
    expect(page.lastResult.initialValue.fullName).toBe("Kept Name");
    // Shown once: a reload is a clean page.
    const again = (await (await browser.get("/apply/applicant", applicantRoute.loader)).json()) as { hasErrors: boolean };
    expect(again.hasErrors).toBe(false);
  });

  it("marks the case urgent when a child is in danger now and shows the 999 page first", async () => {
    const browser = new Browser("198.51.100.3");
    const first = await browser.post("/apply/danger", dangerRoute.action, toFormData({ childInDanger: "yes" }));
    expect(locationOf(first)).toBe("/apply/call-999");
    await answerEverything(browser, { danger: "yes" });
    await browser.post("/apply/check", checkRoute.action, new URLSearchParams());
    const { reference } = (await (await browser.get("/apply/confirmation", confirmationRoute.loader)).json()) as { reference: string };
    const db = readDb();
    const row = db.prepare("select id, urgent from cases where reference = ?").get(reference) as { id: number; urgent: number };
    expect(row.urgent).toBe(1);
    expect(db.prepare("select type from case_events where case_id = ? order by id").all(row.id)).toEqual([
      { type: "application_received" },
      { type: "marked_urgent" },
    ]);
    db.close();
  });

  it("adds and removes children", async () => {
    const browser = new Browser("198.51.100.4");
    await answerEverything(browser);
    const add = await browser.post("/apply/children", childrenRoute.action, toFormData({ addAnother: "yes" }));
    expect(locationOf(add)).toBe("/apply/children/2");
    await browser.post("/apply/children/2", childRoute.action, toFormData({ ...validAnswers.child, fullName: "Second Child" }), { index: "2" });
    // A child number beyond the next free one does not exist.
    expect((await browser.get("/apply/children/5", childRoute.loader, { index: "5" })).status).toBe(404);
    await browser.post("/apply/children/1/remove", removeChildRoute.action, toFormData({ confirm: "yes" }), { index: "1" });
    const list = (await (await browser.get("/apply/children", childrenRoute.loader)).json()) as { children: { name: string }[] };
    expect(list.children.map((c) => c.name)).toEqual(["Second Child"]);
  });

  it("creates exactly one case from parallel and repeated submissions of one draft", async () => {
    const browser = new Browser("198.51.100.5");
    await answerEverything(browser, { childName: "Parallel Child" });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => browser.post("/apply/check", checkRoute.action, new URLSearchParams())),
    );
    expect(new Set(responses.map(locationOf))).toEqual(new Set(["/apply/confirmation"]));
    const again = await browser.post("/apply/check", checkRoute.action, new URLSearchParams());
    expect(locationOf(again)).toBe("/apply/confirmation");
    const db = readDb();
    const count = db
      .prepare("select count(*) as n from cases c join case_people p on p.case_id = c.id where p.full_name = 'Parallel Child'")
      .get() as { n: number };
    expect(count.n).toBe(1);
    db.close();
  });

  it("refuses a filled honeypot with 400 and stores nothing", async () => {
    const browser = new Browser("198.51.100.6");
    const response = await browser.post(
      "/apply/danger",
      dangerRoute.action,
      toFormData({ childInDanger: "no", contact_me_by_fax: "http://spam.example" }),
    );
    expect(response.status).toBe(400);
  });

  it("limits submissions per IP address and keeps the answers of the one refused", async () => {
    const ip = "198.51.100.99";
    const limit = Number(process.env.SUBMISSIONS_PER_IP_PER_HOUR);
    for (let i = 0; i < limit; i++) {
      const browser = new Browser(ip);
      await answerEverything(browser);
      expect(locationOf(await browser.post("/apply/check", checkRoute.action, new URLSearchParams()))).toBe("/apply/confirmation");
    }
    const blocked = new Browser(ip);
    await answerEverything(blocked);
    expect(locationOf(await blocked.post("/apply/check", checkRoute.action, new URLSearchParams()))).toBe("/apply/too-many");
    // Nothing is lost: the answers are still there to send later.
    expect((await blocked.get("/apply/check", checkRoute.loader)).status).toBe(200);
    // Another address is not affected.
    const other = new Browser("198.51.100.100");
    await answerEverything(other);
    expect(locationOf(await other.post("/apply/check", checkRoute.action, new URLSearchParams()))).toBe("/apply/confirmation");
  });

  it("sends the person to the first unanswered page instead of check answers", async () => {
    const browser = new Browser("198.51.100.7");
    await browser.post("/apply/danger", dangerRoute.action, toFormData({ childInDanger: "no" }));
    const check = await browser.get("/apply/check", checkRoute.loader);
    expect(locationOf(check)).toBe("/apply/applicant");
  });

  it("answers the health check when the database does", async () => {
    const response = await new Browser().get("/healthz", healthRoute.loader);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });
});
