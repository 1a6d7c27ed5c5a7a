package bundle

import (
	"fmt"
	"sync"
	"testing"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/webtest"
)

// TestBrowserIIFE loads both packages' IIFE bundles in headless Chromium, on
// a page whose CSP forbids eval and that already has another package under
// window.modc, and uses them through window.modc.packages.
func TestBrowserIIFE(t *testing.T) {
	files := build(t, Options{Version: "1.0.0", Minify: true})
	files["index.html"] = []byte(`<!doctype html><title>bundle test</title>
<script src="/seed.js"></script>
<script src="/dist/util/1.0.0/util.js"></script>
<script src="/dist/auth/1.0.0/auth.js"></script>`)
	files["seed.js"] = []byte(`window.modc = { packages: { other: { keep: true } } };`)
	srv := webtest.Serve(t, files, webtest.Options{Header: map[string]string{"Content-Security-Policy": "default-src 'self'; script-src 'self'"}})

	var mu sync.Mutex
	var problems []string
	ctx := browsertest.New(t, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *cdpruntime.EventExceptionThrown:
			problems = append(problems, fmt.Sprintf("exception: %s at %s:%d", ev.ExceptionDetails.Text, ev.ExceptionDetails.URL, ev.ExceptionDetails.LineNumber))
		case *cdpruntime.EventConsoleAPICalled:
			if ev.Type == cdpruntime.ConsoleAPICalledTypeError {
				problems = append(problems, "console.error")
			}
		}
	})

	type result struct {
		Names      []string          `json:"names"`
		Other      map[string]bool   `json:"other"`
		Greeting   string            `json:"greeting"`
		Data       string            `json:"data"`
		GCount     int               `json:"gCount"`
		HCount     int               `json:"hCount"`
		Stored     string            `json:"stored"`
		Token      string            `json:"token"`
		TokenData  string            `json:"tokenData"`
		Body       string            `json:"body"`
		Headers    map[string]string `json:"headers"`
		Rows       []map[string]any  `json:"rows"`
		Path       string            `json:"path"`
		Eval       string            `json:"eval"`
		Version    string            `json:"version"`
		Expired    bool              `json:"expired"`
		ExpiryData float64           `json:"expiryData"`
	}
	script := `(async () => {
  const p = window.modc.packages;
  const g = p.util.createInstance("greeter");
  const h = p.util.createInstance("greeter");
  const greeting = g.greet("Chromium");
  h.greet("x");
  h.greet("y");
  await g.remember("k", { v: 1 });
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    return new Response(JSON.stringify({ access_token: "a.eyJleHAiOjQxMDI0NDQ4MDB9.c", refresh_token: "r" }),
      { headers: { "content-type": "application/json" } });
  };
  const t = p.auth.createInstance("manage_tokens", { fetch, inputs: { clientId: "browser" } });
  const token = await t.login("ada", "pw");
  const rows = await p.auth.createInstance("get_users", { mock: true }).run();
  let ev = "allowed";
  try { eval("1"); } catch (e) { ev = e.name; }
  return {
    names: Object.keys(p).sort(), other: p.other, greeting, data: g.greet.data,
    gCount: g.count, hCount: h.count, stored: localStorage.getItem("modc.store.k"),
    token, tokenData: t.login.data, body: calls[0].init.body, headers: calls[0].init.headers,
    rows, path: location.pathname, eval: ev, version: p.auth.version,
    expired: t.isExpired(), expiryData: t.getTokenExpiry("a.eyJleHAiOjQxMDI0NDQ4MDB9.c") && t.getTokenExpiry.data,
  };
})()`
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[result](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	t.Logf("%+v", res)
	check := func(what string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("packages", res.Names, []string{"auth", "other", "util"})
	check("other package kept", res.Other["keep"], true)
	check("greeting", res.Greeting, "Hello, Chromium!")
	check("greet.data", res.Data, "Hello, Chromium!")
	check("instance g count", res.GCount, 1)
	check("instance h count", res.HCount, 2)
	check("localStorage", res.Stored, `{"v":1}`)
	check("token", res.Token, "a.eyJleHAiOjQxMDI0NDQ4MDB9.c")
	check("login.data", res.TokenData, res.Token)
	check("request body", res.Body, `{"user":"ada","password":"pw"}`)
	check("X-Client header", res.Headers["X-Client"], "browser")
	check("mock rows", len(res.Rows), 1)
	check("eval under the page's CSP", res.Eval, "EvalError")
	check("version", res.Version, "1.0.0")
	check("expired", res.Expired, false)
	check("getTokenExpiry.data", res.ExpiryData, 4102444800000.0)
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("page reported %s", p)
	}
}
