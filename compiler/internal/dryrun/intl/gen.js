// gen.js writes data.json: the CLDR data package intl needs for its eight
// locales, read from the ICU of the node that runs it (node 20: ICU 78,
// CLDR 48). Run it with `go generate` in this directory (or
// `node gen.js > data.json`). It checks each date pattern it infers by
// rendering it for many dates and comparing with node's own output, and
// stops on any difference.
"use strict";

const LOCALES = ["en-US", "en-GB", "en-IN", "de-DE", "fr-FR", "es-ES", "pt-BR", "ja-JP"];
// The currencies that get their localized symbols and names; any other
// valid code formats as the code itself.
const CURRENCIES = [
  "USD", "EUR", "GBP", "INR", "BRL", "JPY", "CNY", "CAD", "AUD", "CHF", "MXN", "KRW", "RUB", "SEK", "NOK", "DKK",
  "PLN", "ZAR", "SGD", "HKD", "NZD", "TRY", "AED", "SAR", "ILS", "THB", "IDR", "MYR", "PHP", "VND", "TWD", "ARS",
  "CLP", "COP", "PEN", "EGP", "NGN", "KES", "PKR", "BDT", "CZK", "HUF", "RON", "UAH", "KWD", "BHD", "OMR", "JOD",
  "TND", "ISK", "QAR", "LKR", "NPR",
];
// Time zones that get their localized names (others use GMT offsets).
const ZONES = [
  "UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
  "America/Anchorage", "Pacific/Honolulu", "America/Toronto", "America/Vancouver", "America/Mexico_City",
  "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Bogota", "America/Lima", "America/Santiago",
  "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Berlin", "Europe/Paris", "Europe/Madrid",
  "Europe/Rome", "Europe/Amsterdam", "Europe/Brussels", "Europe/Vienna", "Europe/Zurich", "Europe/Stockholm",
  "Europe/Warsaw", "Europe/Athens", "Europe/Helsinki", "Europe/Kiev", "Europe/Istanbul", "Europe/Moscow",
  "Africa/Cairo", "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi", "Asia/Dubai", "Asia/Karachi",
  "Asia/Kolkata", "Asia/Calcutta", "Asia/Dhaka", "Asia/Bangkok", "Asia/Jakarta", "Asia/Singapore", "Asia/Hong_Kong",
  "Asia/Shanghai", "Asia/Taipei", "Asia/Manila", "Asia/Seoul", "Asia/Tokyo", "Australia/Perth",
  "Australia/Adelaide", "Australia/Brisbane", "Australia/Sydney", "Australia/Melbourne", "Pacific/Auckland",
];

const fail = (msg) => {
  process.stderr.write("gen.js: " + msg + "\n");
  process.exit(1);
};

const pad2 = (n) => String(n).padStart(2, "0");

// Reference dates: every hour, month and weekday, single- and two-digit
// days, minutes and seconds.
const REFS = [];
for (let i = 0; i < 24; i++) {
  const days = [1, 5, 9, 12, 15, 19, 22, 26, 28, 3, 7, 31];
  const m = i % 12;
  const d = Math.min(days[(i * 5) % 12], [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m]);
  REFS.push(new Date(Date.UTC(i < 12 ? 2024 : 2005, m, d, i, (i * 7) % 60, (i * 13) % 60, (i * 41) % 1000)));
}

const parts = (loc, opts, d) => new Intl.DateTimeFormat(loc, { ...opts, timeZone: "UTC" }).formatToParts(d);

// names reads month and weekday names, day periods and UTC names.
function names(loc) {
  const out = { months: {}, weekdays: {}, dayPeriods: [] };
  const pick = (ps, type) => {
    const p = ps.find((p) => p.type === type);
    if (!p) fail(`${loc}: no ${type} part`);
    return p.value;
  };
  for (const w of ["narrow", "short", "long"]) {
    const fmt = [], alone = [];
    for (let m = 0; m < 12; m++) {
      const d = new Date(Date.UTC(2024, m, 15));
      fmt.push(pick(parts(loc, { year: "numeric", month: w, day: "numeric" }, d), "month"));
      alone.push(pick(parts(loc, { month: w }, d), "month"));
    }
    out.months[w] = fmt;
    out.months[w + "Alone"] = alone;
    const wf = [], wa = [];
    for (let i = 0; i < 7; i++) {
      const d = new Date(Date.UTC(2024, 8, 1 + i)); // 2024-09-01 is a Sunday
      wf.push(pick(parts(loc, { weekday: w, year: "numeric", month: "long", day: "numeric" }, d), "weekday"));
      wa.push(pick(parts(loc, { weekday: w }, d), "weekday"));
    }
    out.weekdays[w] = wf;
    out.weekdays[w + "Alone"] = wa;
  }
  for (const h of [1, 13]) {
    out.dayPeriods.push(pick(parts(loc, { hour: "numeric", hourCycle: "h12" }, new Date(Date.UTC(2024, 0, 1, h))), "dayPeriod"));
  }
  return out;
}

// fieldValues lists, for a field type, the pattern letters it may come
// from and the text each gives for a date.
function candidates(N, type) {
  const tab = (t) => (i) => t[i];
  switch (type) {
    case "year":
      return [["y", (d) => String(d.getUTCFullYear())], ["yy", (d) => pad2(d.getUTCFullYear() % 100)]];
    case "month":
      return [
        ["M", (d) => String(d.getUTCMonth() + 1)], ["MM", (d) => pad2(d.getUTCMonth() + 1)],
        ["MMM", (d) => N.months.short[d.getUTCMonth()]], ["MMMM", (d) => N.months.long[d.getUTCMonth()]],
        ["MMMMM", (d) => N.months.narrow[d.getUTCMonth()]], ["LLL", (d) => N.months.shortAlone[d.getUTCMonth()]],
        ["LLLL", (d) => N.months.longAlone[d.getUTCMonth()]], ["LLLLL", (d) => N.months.narrowAlone[d.getUTCMonth()]],
      ];
    case "day":
      return [["d", (d) => String(d.getUTCDate())], ["dd", (d) => pad2(d.getUTCDate())]];
    case "weekday":
      return [
        ["EEE", (d) => N.weekdays.short[d.getUTCDay()]], ["EEEE", (d) => N.weekdays.long[d.getUTCDay()]],
        ["EEEEE", (d) => N.weekdays.narrow[d.getUTCDay()]], ["ccc", (d) => N.weekdays.shortAlone[d.getUTCDay()]],
        ["cccc", (d) => N.weekdays.longAlone[d.getUTCDay()]], ["ccccc", (d) => N.weekdays.narrowAlone[d.getUTCDay()]],
      ];
    case "hour":
      return [
        ["h", (d) => String(d.getUTCHours() % 12 || 12)], ["hh", (d) => pad2(d.getUTCHours() % 12 || 12)],
        ["H", (d) => String(d.getUTCHours())], ["HH", (d) => pad2(d.getUTCHours())],
        ["K", (d) => String(d.getUTCHours() % 12)], ["KK", (d) => pad2(d.getUTCHours() % 12)],
        ["k", (d) => String(d.getUTCHours() || 24)], ["kk", (d) => pad2(d.getUTCHours() || 24)],
      ];
    case "minute":
      return [["m", (d) => String(d.getUTCMinutes())], ["mm", (d) => pad2(d.getUTCMinutes())]];
    case "second":
      return [["s", (d) => String(d.getUTCSeconds())], ["ss", (d) => pad2(d.getUTCSeconds())]];
    case "fractionalSecond":
      return [1, 2, 3].map((n) => ["S".repeat(n), (d) => String(d.getUTCMilliseconds()).padStart(3, "0").slice(0, n)]);
    case "dayPeriod":
      return [["a", (d) => N.dayPeriods[d.getUTCHours() < 12 ? 0 : 1]]];
    case "timeZoneName":
      return [["z", () => N.utc[0]], ["zzzz", () => N.utc[1]]];
  }
  return [];
}

// swapHour replaces the hour letter from with to, outside quoted text.
const swapHour = (pat, from, to) => pat.split("'").map((s, i) => (i % 2 ? s : s.split(from).join(to))).join("'");

// quote renders literal text in an ICU pattern.
const quote = (s) => (/[A-Za-z']/.test(s) ? "'" + s.replace(/'/g, "''") + "'" : s);

// infer returns the ICU pattern of a DateTimeFormat for loc and opts.
function infer(loc, N, opts) {
  const all = REFS.map((d) => parts(loc, opts, d));
  const first = all[0];
  for (const ps of all) {
    if (ps.length !== first.length || ps.some((p, i) => p.type !== first[i].type || (p.type === "literal" && p.value !== first[i].value))) {
      fail(`${loc} ${JSON.stringify(opts)}: the parts differ between dates`);
    }
  }
  let pat = "";
  first.forEach((p, i) => {
    if (p.type === "literal") {
      pat += quote(p.value);
      return;
    }
    // Names may be the same in several widths (ja: 火 is short and
    // narrow): the letters of the width asked for come first, after the
    // numeric ones (ja's narrow months are numbers, and ICU writes M).
    const want = { weekday: { narrow: 5, short: 3, long: 4 }, month: { narrow: 5, short: 3, long: 4 } }[p.type];
    const n = want && want[opts[p.type]];
    const rank = (c) => (c[0].length <= 2 ? 0 : c[0].length === n ? 1 : 2);
    const cands = candidates(N, p.type).sort((a, b) => rank(a) - rank(b));
    const c = cands.find(([, f]) => all.every((ps, j) => ps[i].value === f(REFS[j])));
    if (!c) fail(`${loc} ${JSON.stringify(opts)}: no pattern letter for ${p.type} ${JSON.stringify(p.value)}`);
    pat += c[0];
  });
  return pat;
}

const W = [undefined, "narrow", "short", "long"];
const Y = [undefined, "numeric", "2-digit"];
const M = [undefined, "numeric", "2-digit", "narrow", "short", "long"];
const D = [undefined, "numeric", "2-digit"];
const H = [undefined, "numeric", "2-digit"];
const F = [undefined, 1, 2, 3];
const Z = [undefined, "short", "long"];

function dateKeys() {
  const out = [];
  W.forEach((w, wi) => Y.forEach((y, yi) => M.forEach((m, mi) => D.forEach((d, di) => {
    if (wi + yi + mi + di > 0) out.push([`${wi}${yi}${mi}${di}`, { weekday: w, year: y, month: m, day: d }]);
  }))));
  return out;
}

function timeKeys(withExtras) {
  const out = [];
  H.forEach((h, hi) => H.forEach((m, mi) => H.forEach((s, si) => (withExtras ? F : [undefined]).forEach((f, fi) => (withExtras ? Z : [undefined]).forEach((z, zi) => {
    // Fractions only with seconds, and not an hour and seconds without
    // minutes: ICU makes odd patterns of those ("1 PM (second: 9)").
    if (hi + mi + si + fi + zi === 0 || (fi > 0 && si === 0) || (hi > 0 && si > 0 && mi === 0)) return;
    const o = { hour: h, minute: m, second: s, fractionalSecondDigits: f, timeZoneName: z };
    out.push([`${hi}${mi}${si}${fi}${zi}`, o]);
  })))));
  return out;
}

function locale(loc) {
  const N = names(loc);
  const utc = (kind) => parts(loc, { timeZoneName: kind }, REFS[0]).find((p) => p.type === "timeZoneName").value;
  N.utc = [utc("short"), utc("long")];
  const hcDefault = new Intl.DateTimeFormat(loc, { hour: "numeric" }).resolvedOptions().hourCycle;
  const out = { ...N, hourCycle: hcDefault, date: {}, time: {}, glue: {}, combo: {}, styles: {} };

  for (const [k, o] of dateKeys()) out.date[k] = infer(loc, N, o);
  // Time patterns for the 12-hour and the 24-hour cycles. For h11 and h24,
  // V8 mostly replaces the hour letters (h by K, H by k): only the patterns
  // that differ from that are listed.
  for (const hc of ["h12", "h23"]) {
    const t = {}, alt = {};
    const other = hc === "h12" ? "h11" : "h24";
    for (const [k, o] of timeKeys(true)) {
      if (k[0] === "0" && hc === "h23") continue; // no hour: the same for both
      t[k] = infer(loc, N, { ...o, hourCycle: o.hour ? hc : undefined });
      if (o.hour) {
        const p = infer(loc, N, { ...o, hourCycle: other });
        if (p !== swapHour(t[k], hc === "h12" ? "h" : "H", hc === "h12" ? "K" : "k")) alt[k] = p;
        if (hc === hcDefault) {
          const dflt = infer(loc, N, o);
          if (dflt !== t[k]) fail(`${loc} ${k}: the default hour cycle gives ${dflt}, not ${t[k]}`);
        }
      }
    }
    out.time[hc] = t;
    out.time[other] = alt;
  }
  // Date and time together: the glue of each date pattern, and the
  // combinations that do not follow it.
  const glueOf = {};
  for (const [dk] of dateKeys()) {
    const dp = out.date[dk];
    const tp = out.time.h23["22000"];
    const both = infer(loc, N, { ...dateKeys().find(([k]) => k === dk)[1], hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    const i = both.indexOf(dp), j = both.lastIndexOf(tp);
    let g;
    if (i === 0 && j >= dp.length && j + tp.length === both.length) g = "{1}" + both.slice(dp.length, j) + "{0}";
    else g = null;
    glueOf[dk] = g;
  }
  // The most common glue is the default; others are listed per date key.
  const count = {};
  for (const g of Object.values(glueOf)) if (g) count[g] = (count[g] || 0) + 1;
  const dflt = Object.keys(count).sort((a, b) => count[b] - count[a])[0];
  out.glue[""] = dflt;
  for (const [dk, g] of Object.entries(glueOf)) if (g && g !== dflt) out.glue[dk] = g;
  const glue = (dk, dp, tp) => (out.glue[dk] || dflt).replace("{1}", dp).replace("{0}", tp);
  for (const [dk, dopts] of dateKeys()) {
    for (const hc of ["h12", "h23"]) {
      for (const [tk, topts] of timeKeys(false)) {
        if (tk[0] === "0" && hc === "h23") continue;
        const got = infer(loc, N, { ...dopts, ...topts, hourCycle: topts.hour ? hc : undefined });
        const tp = out.time[tk[0] === "0" ? "h12" : hc][tk];
        if (got !== glue(dk, out.date[dk], tp)) out.combo[`${dk}|${tk}|${tk[0] === "0" ? "" : hc}`] = got;
      }
    }
  }
  // dateStyle and timeStyle.
  const S = ["full", "long", "medium", "short"];
  out.styles.date = {};
  for (const s of S) out.styles.date[s] = infer(loc, N, { dateStyle: s });
  for (const hc of ["h12", "h23"]) {
    out.styles[hc] = {};
    for (const t of S) {
      out.styles[hc][t] = infer(loc, N, { timeStyle: t, hourCycle: hc });
      for (const d of S) out.styles[hc][d + "|" + t] = infer(loc, N, { dateStyle: d, timeStyle: t, hourCycle: hc });
    }
  }
  return out;
}

// zoneAliases maps the IANA names (zones and links of the system's
// tzdata.zi) that ICU knows by another name to that name, as
// resolvedOptions reports it (Asia/Kolkata → Asia/Calcutta).
function zoneAliases() {
  const out = {};
  let text = "";
  try {
    text = require("fs").readFileSync("/usr/share/zoneinfo/tzdata.zi", "utf8");
  } catch (e) {
    fail("reading /usr/share/zoneinfo/tzdata.zi: " + e.message);
  }
  const names = new Set(ZONES);
  for (const line of text.split("\n")) {
    const f = line.split(" ");
    if (f[0] === "Z") names.add(f[1]);
    if (f[0] === "L") names.add(f[2]);
  }
  for (const name of [...names].sort()) {
    let canonical;
    try {
      canonical = new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
    } catch (e) {
      continue;
    }
    if (canonical !== name) out[name] = canonical;
  }
  return out;
}

// zoneNames reads the localized names of the zones, standard and
// daylight; a name that is only the GMT offset is left out.
function zoneNames(loc) {
  const out = {};
  for (const zone of ZONES) {
    const name = (kind, d) => new Intl.DateTimeFormat(loc, { timeZone: zone, timeZoneName: kind }).formatToParts(d).find((p) => p.type === "timeZoneName").value;
    const jan = new Date(Date.UTC(2024, 0, 15, 12)), jul = new Date(Date.UTC(2024, 6, 15, 12));
    const off = (d) => name("longOffset", d);
    // std first: the smaller offset.
    const offMin = (s) => {
      const m = /([+\-\u2212])(\d\d):(\d\d)/.exec(s);
      return m ? (m[1] === "+" ? 1 : -1) * (m[2] * 60 + +m[3]) : 0;
    };
    let [std, dst] = offMin(off(jan)) <= offMin(off(jul)) ? [jan, jul] : [jul, jan];
    const entry = [name("short", std), name("long", std), name("short", dst), name("long", dst)];
    const isOffset = (s) => /^(GMT|UTC)([+\-\u2212]\d|$)/.test(s);
    const key = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
    out[key] = entry.map((s) => (isOffset(s) ? "" : s));
    if (out[key].every((s) => s === "")) delete out[key];
  }
  return out;
}

// gmt reads the localized GMT offset formats: short and long, for a
// negative offset and for zero.
function gmt(loc) {
  const name = (zone, kind) => new Intl.DateTimeFormat(loc, { timeZone: zone, timeZoneName: kind }).formatToParts(REFS[0]).find((p) => p.type === "timeZoneName").value;
  return { short: name("Etc/GMT+5", "shortOffset"), long: name("Etc/GMT+5", "longOffset"), shortHalf: name("Asia/Kolkata", "shortOffset"), zeroShort: name("UTC", "shortOffset"), zeroLong: name("UTC", "longOffset") };
}

function currencies(loc) {
  const out = {};
  for (const c of CURRENCIES) {
    const f = (display, v) => new Intl.NumberFormat(loc, { style: "currency", currency: c, currencyDisplay: display }).formatToParts(v).find((p) => p.type === "currency").value;
    out[c] = [f("symbol", 1), f("narrowSymbol", 1), f("name", 1), f("name", 2)];
  }
  return out;
}

// compact reads the compact notation of a locale: for each power of ten
// from 3 to 17, how many digits the number keeps (the divisor's power)
// and the affixes, by plural category ("1" when the number 1 is left
// out, as in French "mille"). "{0}" stands for the number.
function compact(loc) {
  const out = {};
  for (const display of ["short", "long"]) {
    const f = new Intl.NumberFormat(loc, { notation: "compact", compactDisplay: display });
    const pr = new Intl.PluralRules(loc);
    const tab = {};
    for (let e = 3; e <= 17; e++) {
      const entry = {};
      for (const m of [1, 1.5, 2, 5]) {
        const v = m * 10 ** e;
        const ps = f.formatToParts(v);
        let tpl = "", num = "", digits = "";
        for (const p of ps) {
          if (p.type === "integer" || p.type === "decimal" || p.type === "fraction" || p.type === "group") {
            if (!tpl.includes("{0}")) tpl += "{0}";
            num += p.value;
            if (p.type === "integer" || p.type === "fraction") digits += p.value;
            if (p.type === "decimal") digits += ".";
          } else tpl += p.value;
        }
        if (num === "") {
          entry["1"] = tpl;
          continue;
        }
        const n = Number(digits);
        const div = e - Math.round(Math.log10(v / n));
        if (entry.div !== undefined && entry.div !== e - div) fail(`${loc} compact ${display} 1e${e}: divisors differ`);
        entry.div = e - div; // the power of ten the number is divided by
        entry[pr.select(n)] = tpl;
      }
      tab[e] = entry;
    }
    out[display] = tab;
  }
  return out;
}

// relative reads RelativeTimeFormat's patterns: by style and unit, the
// future and past patterns by plural category ({0} the number) and the
// words of numeric: "auto" ("yesterday"), by offset.
function relative(loc) {
  const out = {};
  const pr = new Intl.PluralRules(loc);
  for (const style of ["long", "short", "narrow"]) {
    out[style] = {};
    for (const unit of ["second", "minute", "hour", "day", "week", "month", "quarter", "year"]) {
      const f = new Intl.RelativeTimeFormat(loc, { style });
      const a = new Intl.RelativeTimeFormat(loc, { style, numeric: "auto" });
      const e = { future: {}, past: {}, words: {} };
      for (const n of [0, 1, 1.5, 2, 5, 1000000]) {
        for (const [dir, v] of [["future", n], ["past", -n]]) {
          if (n === 0 && dir === "past") continue;
          const ps = f.formatToParts(v, unit);
          let tpl = "";
          for (const p of ps) tpl += p.type === "literal" ? p.value : "{0}";
          tpl = tpl.replace(/(\{0\})+/, "{0}");
          const cat = pr.select(n);
          if (e[dir][cat] !== undefined && e[dir][cat] !== tpl) fail(`${loc} ${style} ${unit} ${dir} ${cat}: patterns differ`);
          e[dir][cat] = tpl;
        }
      }
      for (const n of [-2, -1, 0, 1, 2]) {
        const w = a.format(n, unit);
        if (w !== f.format(n, unit)) e.words[n] = w;
      }
      out[style][unit] = e;
    }
  }
  return out;
}

// lists reads ListFormat's patterns: by type and style, the texts
// between two items, and between the first, middle and last of more.
function lists(loc) {
  const out = {};
  for (const type of ["conjunction", "disjunction", "unit"]) {
    for (const style of ["long", "short", "narrow"]) {
      const f = new Intl.ListFormat(loc, { type, style });
      const between = (items) => f.formatToParts(items).filter((p) => p.type === "literal").map((p) => p.value);
      const two = between(["A", "B"]);
      const four = between(["A", "B", "C", "D"]);
      out[type + "-" + style] = [two[0], four[0], four[1], four[2]];
    }
  }
  return out;
}

const data = { locales: {}, currencies: Intl.supportedValuesOf("currency"), currencyDigits: {}, timeZones: Intl.supportedValuesOf("timeZone"), zoneAliases: zoneAliases() };
for (const c of data.currencies) {
  const d = new Intl.NumberFormat("en", { style: "currency", currency: c }).resolvedOptions().maximumFractionDigits;
  if (d !== 2) data.currencyDigits[c] = d;
}
for (const loc of LOCALES) {
  const l = locale(loc);
  l.zones = zoneNames(loc);
  l.gmt = gmt(loc);
  l.currencies = currencies(loc);
  l.compact = compact(loc);
  l.relative = relative(loc);
  l.lists = lists(loc);
  data.locales[loc] = l;
}
data.icu = process.versions.icu;
data.cldr = process.versions.cldr;
// One entry a line down to the patterns; arrays and deeper objects inline.
const write = (v, depth, indent) => {
  if (v === null || typeof v !== "object" || Array.isArray(v) || depth > 3) return JSON.stringify(v);
  const keys = Object.keys(v);
  if (keys.length === 0) return "{}";
  const inner = indent + " ";
  return "{\n" + keys.map((k) => inner + JSON.stringify(k) + ": " + write(v[k], depth + 1, inner)).join(",\n") + "\n" + indent + "}";
};
process.stdout.write(write(data, 0, "") + "\n");
