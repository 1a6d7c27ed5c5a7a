const defaults = { retries: 3 };
const config = JSON.parse("{" + "retries");

export default {
  retries() {
    return config.retries ?? defaults.retries;
  },
};
