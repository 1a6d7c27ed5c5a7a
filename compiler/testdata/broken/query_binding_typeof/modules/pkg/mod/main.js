export default {
  async load() {
    await list_tasks.run();
    return list_tasks.data;
  },
};
