export default {
  async save(rows) {
    await download(rows.join("\n"), "rows.txt");
    showAlert("Saved " + rows.length + " rows", "success");
    closeModal("SaveModal");
  },
};
