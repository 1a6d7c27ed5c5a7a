import { useEffect, useState } from "react";
// The package modc builds into out/npm/auth/<version>/, installed with
// `npm install ../../out/npm/auth/<version>`. Its name is "auth", or
// "@scope/auth" when modc.json sets "npmScope".
import { createInstance } from "auth";

// One instance of the module for the whole app: its functions keep their
// last result as .data, and the store (the tokens) persists in localStorage.
// mock: true answers the module's queries from their mocks, so the example
// runs offline; drop it to call the real API, or pass `fetch` to route the
// requests through your own client.
const tokens = createInstance("manage_tokens", { mock: true });

export default function App() {
  const [token, setToken] = useState(tokens.getAccessToken.data);
  const [error, setError] = useState(null);

  useEffect(() => {
    tokens.getAccessToken().then(setToken, (e) => setError(e?.message ?? String(e)));
  }, []);

  return (
    <main>
      <h1>Access token</h1>
      {error ? (
        <p role="alert">Could not get a token: {error}</p>
      ) : token ? (
        <p>
          <code id="token">{token}</code>
        </p>
      ) : (
        <p>Getting a token…</p>
      )}
      <button onClick={() => tokens.refreshAccessToken().then(() => tokens.getAccessToken()).then(setToken)}>
        Refresh
      </button>
    </main>
  );
}
