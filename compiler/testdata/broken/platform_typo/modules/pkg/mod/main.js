export default {
  open: () => showModel("Modal1"),
  copy(text) {
    return copyToClipbord(text);
  },
};
