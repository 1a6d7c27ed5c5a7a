const DONE = "done";

export default {
  label(status) {
    switch (status) {
      case "todo":
        return "To do";
      case DONE:
        return "Done";
      case "todo":
        return "Again";
    }
    return status;
  },
};
