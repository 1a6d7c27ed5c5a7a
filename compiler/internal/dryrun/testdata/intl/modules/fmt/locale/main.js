export default {
  /** Rupees the Indian way: lakh and crore groups. */
  rupees(x) {
    return new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR" }).format(x);
  },
  lakh(x) {
    return x.toLocaleString("en-IN", { maximumFractionDigits: 2 });
  },
  german(x) {
    return x.toLocaleString("de-DE");
  },
  euros(x) {
    return new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(x);
  },
  euroParts(x) {
    return new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).formatToParts(x).map((p) => p.type);
  },
  compact(x) {
    return new Intl.NumberFormat("en-US", { notation: "compact" }).format(x);
  },
  ukDate(ms) {
    return new Date(ms).toLocaleDateString("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" });
  },
  usDateTime(ms) {
    return new Date(ms).toLocaleString("en-US", { timeZone: "UTC" });
  },
  tokyoTime(ms) {
    return new Date(ms).toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo" });
  },
  longDate(ms) {
    return new Intl.DateTimeFormat("pt-BR", { dateStyle: "full", timeZone: "America/Sao_Paulo" }).format(ms);
  },
  sortNames(names) {
    return [...names].sort((a, b) => a.localeCompare(b, "de"));
  },
  ago(days) {
    return new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(-days, "day");
  },
  items(n) {
    return new Intl.PluralRules("en-US").select(n) === "one" ? `${n} item` : `${n} items`;
  },
  words(s) {
    return s.match(/\p{L}+/gu);
  },
  greek(s) {
    return new RegExp("\\p{Script=Greek}+", "u").test(s);
  },
  kilometres(x) {
    return new Intl.NumberFormat("en", { style: "unit", unit: "kilometer" }).format(x);
  },
};
