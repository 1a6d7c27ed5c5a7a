export default {
  orders: [
    { id: 1, customer: "Ada Lovelace", total: 120, due: "2026-01-05" },
    { id: 2, customer: "Grace Hopper", total: 80, due: "2026-01-06" },
    { id: 3, customer: "Alan Turing", total: 42, due: "2026-01-07" },
    { id: 4, customer: "Edsger Dijkstra", total: 77, due: "2026-01-08" },
    { id: 5, customer: "Barbara Liskov", total: 310, due: "2026-01-09" },
    { id: 6, customer: "Donald Knuth", total: 64, due: "2026-01-10" },
    { id: 7, customer: "Margaret Hamilton", total: 99, due: "2026-01-11" },
    { id: 8, customer: "Ken Thompson", total: 15, due: "2026-01-12" },
  ],
  editing: {},
  opened: 0,
  // Appsmith style: arrow members reading this.
  edit: (row) => {
    this.editing = row || {};
    this.opened++;
    return showModal("Editor");
  },
  async save(data, due, files) {
    await storeValue("saved", { ...data, due, file: files.map((f) => `${f.name}:${f.type}:${f.size}:${f.data}`) });
    return closeModal("Editor");
  },
  closed() {
    return storeValue("closed", this.opened);
  },
  paged(page) {
    return storeValue("page", page);
  },
  searched(text) {
    return storeValue("search", text);
  },
  tab(name) {
    return storeValue("tab", name);
  },
  pick(item, index) {
    return storeValue("picked", `${index}:${item.customer}`);
  },
  note(key, value) {
    return storeValue(key, value);
  },
  clear() {
    return resetWidget("Orders", true);
  },
};
