export default {
  opened: 0,
  // Appsmith style: arrow members reading this.
  open: () => {
    this.opened++;
    return showModal("Panel");
  },
  close: () => closeModal("Panel"),
  clear() {
    return resetWidget("Panel");
  },
  missing() {
    return showModal("Nowhere");
  },
};
