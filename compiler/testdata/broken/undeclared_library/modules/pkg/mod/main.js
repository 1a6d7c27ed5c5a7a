export default {
  due: (iso) => dayjs(iso).add(30, "day").format("YYYY-MM-DD"),
  sheet(rows) {
    return XLSX.utils.json_to_sheet(rows);
  },
};
