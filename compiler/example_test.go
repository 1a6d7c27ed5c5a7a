package compiler_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/nodetest"
	"github.com/modc-dev/modc/site/output"
)

// buildExample builds the repository's example workspace into a temp dir.
func buildExample(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	r := compiler.Build(compiler.Options{Root: ".."})
	if r.Failed() {
		t.Fatalf("example workspace:\n%s", r.Messages)
	}
	for _, m := range r.Messages {
		if !strings.HasPrefix(m.Location.File, "refs/") && m.Location.File != "." {
			t.Errorf("example workspace: %s", m.Error()) // only git may warn (a shallow clone, say)
		}
	}
	if err := output.Write(out, r.Files); err != nil {
		t.Fatal(err)
	}
	for _, pv := range r.Versions {
		if _, err := os.Stat(filepath.Join(out, "dist", pv.Package, pv.Current, pv.Package+".mjs")); err != nil {
			t.Fatal(err)
		}
		if pv.Package == "auth" {
			authVersion = pv.Current
		}
	}
	if len(r.Versions) != 3 || authVersion == "" {
		t.Fatalf("versions %+v", r.Versions)
	}
	return out
}

// authVersion is the auth package's version in the last buildExample.
var authVersion string

func jwtPayload(t *testing.T, token string) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", token)
	}
	data, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var p map[string]any
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExampleWorkspaceInNode builds the example workspace, loads the auth
// ES module bundle in node with a stub fetch, and shows that two instances
// of manage_tokens are independent and that getAccessToken.data holds the
// last result.
func TestExampleWorkspaceInNode(t *testing.T) {
	nodetest.Path(t) // before the build
	out := buildExample(t)
	script, _ := filepath.Abs("testdata/e2e/manage_tokens.mjs")
	stdout := nodetest.Run(t, "", []string{"AUTH=file://" + filepath.Join(out, "dist/auth", authVersion, "auth.mjs")}, script)
	var got struct {
		Modules                      []string
		SameObject                   bool
		LeewayA, LeewayB             float64
		TokenA, DataA, TokenB, DataB string
		DataBBefore                  any
		TokenAAgain, DataAAgain      string
		Requests                     []struct{ URL, Method, Body string }
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if fmt.Sprint(got.Modules) != "[manage_tokens]" || got.SameObject {
		t.Errorf("modules %v, same object %v", got.Modules, got.SameObject)
	}
	if got.LeewayA != 99 || got.LeewayB != 30 {
		t.Errorf("a variable set on one instance leaked: a=%v b=%v", got.LeewayA, got.LeewayB)
	}
	if jwtPayload(t, got.TokenA)["jti"] != "token-1" || got.DataA != got.TokenA {
		t.Errorf("instance a: token %q, getAccessToken.data %q", got.TokenA, got.DataA)
	}
	if got.DataBBefore != nil {
		t.Errorf("instance b had data before its first call: %v", got.DataBBefore)
	}
	if jwtPayload(t, got.TokenB)["jti"] != "token-2" || got.DataB != got.TokenB {
		t.Errorf("instance b: token %q, data %q", got.TokenB, got.DataB)
	}
	if got.TokenAAgain != got.TokenA || got.DataAAgain != got.TokenA {
		t.Errorf("a valid token was not kept: %q then %q", got.TokenA, got.TokenAAgain)
	}
	if len(got.Requests) != 2 {
		t.Fatalf("want one token request per instance, got %+v", got.Requests)
	}
	for i, email := range []string{"ada@example.io", "bob@example.io"} {
		r := got.Requests[i]
		if r.Method != "POST" || !strings.HasSuffix(r.URL, "/token-auth/") || !strings.Contains(r.Body, email) {
			t.Errorf("request %d: %+v", i, r)
		}
	}
}

// TestExampleWorkspaceInChromium loads the example's auth IIFE bundle with a
// script tag in headless Chromium and calls it there.
func TestExampleWorkspaceInChromium(t *testing.T) {
	out := buildExample(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.FileServer(http.Dir(out)).ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", "script-src 'self'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>auth</title><script src="/dist/auth/%s/auth.js"></script>`, authVersion)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ctx := browsertest.New(t, nil)
	type result struct {
		Token, Data string
		Calls       int
		Keys        []string
	}
	if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[result](`(async () => {
  const b64 = (o) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  let calls = 0;
  const fetch = async (url, init) => {
    calls++;
    return new Response(JSON.stringify({ access_token: b64({alg: "HS256"}) + "." + b64({jti: "browser", exp: 4102444800}) + ".sig", refresh_token: "r" }),
      { status: 200, headers: { "Content-Type": "application/json" } });
  };
  const tokens = window.modc.packages.auth.createInstance("manage_tokens", { fetch });
  const token = await tokens.getAccessToken();
  return { token, data: tokens.getAccessToken.data, calls, keys: Object.keys(window.modc.packages) };
})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if jwtPayload(t, got.Token)["jti"] != "browser" || got.Data != got.Token || got.Calls != 1 {
		t.Errorf("in Chromium: %+v", got)
	}
	if fmt.Sprint(got.Keys) != "[auth]" {
		t.Errorf("window.modc.packages has %v", got.Keys)
	}
}
