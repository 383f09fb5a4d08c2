// Plain-English descriptions of answers, shared by check-your-answers and the staff case page.
import { formatIsoDate } from "./time";

type Dated = { dobKnown?: string; dobDay?: string; dobMonth?: string; dobYear?: string; age?: string };

export function describeDobOrAge(p: Dated, approximate = false): string {
  if (p.dobKnown === "date" || (!p.dobKnown && p.dobYear)) {
    const iso = `${p.dobYear}-${String(p.dobMonth).padStart(2, "0")}-${String(p.dobDay).padStart(2, "0")}`;
    return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatIsoDate(iso) : `${p.dobDay} ${p.dobMonth} ${p.dobYear}`;
  }
  if (p.dobKnown === "age") return `${approximate ? "About " : ""}${p.age} years old`;
  return "Not known";
}
