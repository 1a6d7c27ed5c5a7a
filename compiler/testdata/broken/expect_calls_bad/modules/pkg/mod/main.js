export default {
  open() {
    return showModal("Modal1");
  },
};
