export default {
  due: (iso) => dayjs(iso).add(30, "day").format("YYYY-MM-DD"),
};
