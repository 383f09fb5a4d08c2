#!/usr/bin/env node
// Writes db/seed/bank-holidays-england-and-wales.json: the bank holidays of England and Wales,
// 2020 to 2030 inclusive, the list the portal seeds into `bank_holidays` for clocks counted in
// working days (app/domain/clocks.ts). Admins keep it right afterwards at /staff/admin/bank-holidays.
//
// Computed, not downloaded (the build has no network). The rules:
//   - New Year's Day (1 January), Christmas Day and Boxing Day: when one falls at a weekend, a
//     substitute day is the next weekday not already a holiday (Christmas on a Saturday: Monday
//     27 and Tuesday 28; on a Sunday: Boxing Day Monday 26 and Christmas Day's substitute Tuesday 27);
//   - Good Friday and Easter Monday, from Easter Sunday (the Gregorian computus);
//   - Early May bank holiday: first Monday in May; Spring: last Monday in May;
//     Summer: last Monday in August;
//   - the one-off changes by proclamation: 2020 early May moved to Friday 8 May (VE Day);
//     2022 Spring moved to Thursday 2 June and the Platinum Jubilee on Friday 3 June;
//     2022 Monday 19 September (State Funeral of Queen Elizabeth II); 2023 Monday 8 May
//     (Coronation of King Charles III).
// Names follow GOV.UK (https://www.gov.uk/bank-holidays), with "(substitute day)" where GOV.UK
// adds the note "Substitute day". tests/unit/clocks.test.ts checks years against the GOV.UK list.
// Future proclamations must be added here (and by an admin on the page) when announced.
//
// Usage: node scripts/generate-bank-holidays.mjs          (writes the file)
//        node scripts/generate-bank-holidays.mjs --check  (exits 1 if the file is out of date)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2030;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const OUTPUT = path.join(root, "db", "seed", "bank-holidays-england-and-wales.json");

const DAY_MS = 24 * 60 * 60 * 1000;

/** @param {number} year @param {number} month 1-12 @param {number} day */
const utc = (year, month, day) => Date.UTC(year, month - 1, day);
/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
/** @param {number} ms */
const weekday = (ms) => new Date(ms).getUTCDay();
/** @param {number} ms */
const isWeekend = (ms) => weekday(ms) === 0 || weekday(ms) === 6;

/** Easter Sunday (anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). @param {number} year */
export function easterSunday(year) {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

/** @param {number} year @param {number} month */
function firstMonday(year, month) {
  const first = utc(year, month, 1);
  return first + ((8 - weekday(first)) % 7) * DAY_MS;
}

/** @param {number} year @param {number} month */
function lastMonday(year, month) {
  const last = utc(year, month + 1, 0);
  return last - ((weekday(last) + 6) % 7) * DAY_MS;
}

/**
 * Fixed-date holidays, each moved to a substitute weekday when it falls at a weekend.
 * @param {Array<{ date: number, name: string }>} fixed in order of precedence
 * @returns {Array<{ date: number, name: string }>}
 */
function withSubstitutes(fixed) {
  const taken = new Set(fixed.filter((h) => !isWeekend(h.date)).map((h) => h.date));
  return fixed.map((holiday) => {
    if (!isWeekend(holiday.date)) return holiday;
    let date = holiday.date + DAY_MS;
    while (isWeekend(date) || taken.has(date)) date += DAY_MS;
    taken.add(date);
    return { date, name: `${holiday.name} (substitute day)` };
  });
}

/** The bank holidays of one year, in date order. @param {number} year */
export function bankHolidaysOf(year) {
  const easter = easterSunday(year);
  /** @type {Array<{ date: number, name: string }>} */
  const list = [
    ...withSubstitutes([{ date: utc(year, 1, 1), name: "New Year’s Day" }]),
    { date: easter - 2 * DAY_MS, name: "Good Friday" },
    { date: easter + DAY_MS, name: "Easter Monday" },
    { date: firstMonday(year, 5), name: "Early May bank holiday" },
    { date: lastMonday(year, 5), name: "Spring bank holiday" },
    { date: lastMonday(year, 8), name: "Summer bank holiday" },
    ...withSubstitutes([
      { date: utc(year, 12, 25), name: "Christmas Day" },
      { date: utc(year, 12, 26), name: "Boxing Day" },
    ]),
  ];

  /** @param {string} name @param {number} date @param {string} [newName] */
  const move = (name, date, newName = name) => {
    const holiday = list.find((h) => h.name === name);
    if (!holiday) throw new Error(`${year}: no ${name} to move`);
    holiday.date = date;
    holiday.name = newName;
  };
  if (year === 2020) move("Early May bank holiday", utc(2020, 5, 8), "Early May bank holiday (VE day)");
  if (year === 2022) {
    move("Spring bank holiday", utc(2022, 6, 2));
    list.push({ date: utc(2022, 6, 3), name: "Platinum Jubilee bank holiday" });
    list.push({ date: utc(2022, 9, 19), name: "Bank Holiday for the State Funeral of Queen Elizabeth II" });
  }
  if (year === 2023) list.push({ date: utc(2023, 5, 8), name: "Bank holiday for the coronation of King Charles III" });

  return list
    .sort((a, b) => a.date - b.date)
    .map((h) => ({ date: iso(h.date), name: h.name }));
}

/** Every year from `first` to `last` inclusive. */
export function bankHolidays(first = FIRST_YEAR, last = LAST_YEAR) {
  const all = [];
  for (let year = first; year <= last; year++) all.push(...bankHolidaysOf(year));
  const dates = new Set(all.map((h) => h.date));
  if (dates.size !== all.length) throw new Error("two bank holidays on one date");
  return all;
}

export function render() {
  return `${JSON.stringify(bankHolidays(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const text = render();
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, "utf8") : "";
    if (current !== text) {
      console.error(`${path.relative(root, OUTPUT)} is out of date: run node scripts/generate-bank-holidays.mjs`);
      process.exit(1);
    }
    console.log(`${path.relative(root, OUTPUT)} is up to date.`);
  } else {
    fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
    fs.writeFileSync(OUTPUT, text);
    console.log(`Wrote ${JSON.parse(text).length} bank holidays to ${path.relative(root, OUTPUT)}.`);
  }
}
