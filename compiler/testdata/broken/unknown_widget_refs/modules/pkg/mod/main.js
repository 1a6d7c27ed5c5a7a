export default {
  saveUser: async () => {
    const user = { name: Input1.text, role: Select1.selectedOptionValue };
    if (!Table1.selectedRow) {
      showAlert("Select a row first", "warning");
      return;
    }
    await JSObject1.saveRow(Table1.selectedRow.id, user);
    return Api1.data;
  },
};
