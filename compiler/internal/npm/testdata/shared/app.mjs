// A frontend that uses three packages: the token auth stores is in the
// store that users' query reads, and each package's createInstance works.
import { createInstance as auth } from "AUTH";
import { createInstance as users } from "USERS";
import { createInstance as format } from "FORMAT";

const tokens = auth("manage_tokens", { mock: true });
let sent;
const getUsers = users("get_users", {
  inputs: { limit: 2 },
  fetch: async (url, init) => {
    sent = { url, authorization: init.headers.Authorization };
    return { status: 200, headers: { get: () => "application/json", forEach() {} }, text: async () => "[]" };
  },
});
const dates = format("dates");
const token = await tokens.getAccessToken();
await getUsers.run();
console.log(JSON.stringify({
  token,
  sent,
  date: dates.formatDDMMYYYY("2024-03-09T12:00:00Z"),
  shared: sent.authorization === "Bearer " + token,
}));
