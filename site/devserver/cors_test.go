package devserver

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/webtest"
)

// corsRequest sends a request with an Origin header (and more headers)
// and returns the response and its body.
func (r *running) corsRequest(method, path, origin string, header map[string]string) (*http.Response, string) {
	r.t.Helper()
	req, err := http.NewRequest(method, r.url+strings.TrimPrefix(path, "/"), nil)
	if err != nil {
		r.t.Fatal(err)
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func bundleBuilder() Builder {
	return BuilderFunc(func(ctx context.Context, changed []string) (*Output, error) {
		return &Output{Files: map[string][]byte{
			"index.html":           []byte("<p>ok</p>"),
			"dist/p/1.0.0/p.mjs":   []byte("export const answer = 42;\n"),
			"npm/p/current/p.mjs":  []byte("export const answer = 42;\n"),
			"dist/p/1.0.0/p.d.ts":  []byte("export declare const answer: number;\n"),
			"dist/p/1.0.0/p.js":    []byte("var p = { answer: 42 };\n"),
			"dist/p/1.0.0/p.js.gz": []byte("x"),
		}}, nil
	})
}

// TestCORS: with --cors-origin, a request from a listed origin gets
// Access-Control-Allow-Origin and its preflight an answer; an origin not
// listed gets neither, and without the option no origin does.
func TestCORS(t *testing.T) {
	allowed, other := "http://localhost:5173", "http://evil.example"
	r := start(t, Options{Builder: bundleBuilder(), CORSOrigins: []string{allowed, "http://127.0.0.1:4000"}})
	r.rebuild()

	resp, body := r.corsRequest("GET", "/dist/p/1.0.0/p.mjs", allowed, nil)
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != allowed || body != "export const answer = 42;\n" ||
		!strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Origin") {
		t.Errorf("GET from %s: %d %v %q", allowed, resp.StatusCode, resp.Header, body)
	}
	resp, _ = r.corsRequest("GET", "/dist/p/1.0.0/p.mjs", other, nil)
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("GET from %s: %d, Access-Control-Allow-Origin %q", other, resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
	resp, _ = r.corsRequest("GET", "/dist/p/1.0.0/p.mjs", "", nil)
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("GET without Origin: Access-Control-Allow-Origin %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}

	preflight := map[string]string{"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-requested-with"}
	resp, body = r.corsRequest("OPTIONS", "/npm/p/current/p.mjs", allowed, preflight)
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != allowed ||
		!strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "GET") ||
		resp.Header.Get("Access-Control-Allow-Headers") != "x-requested-with" || body != "" {
		t.Errorf("preflight from %s: %d %v %q", allowed, resp.StatusCode, resp.Header, body)
	}
	resp, body = r.corsRequest("OPTIONS", "/npm/p/current/p.mjs", other, preflight)
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Access-Control-Allow-Origin") != "" || !strings.Contains(body, "--cors-origin") {
		t.Errorf("preflight from %s: %d %v %q", other, resp.StatusCode, resp.Header, body)
	}
	// A foreign Host is refused before anything else (DNS rebinding).
	req, _ := http.NewRequest("GET", r.url+"dist/p/1.0.0/p.mjs", nil)
	req.Host, req.Header["Origin"] = "evil.example:"+r.port, []string{allowed}
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("foreign Host with an allowed origin: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}

	// Any origin.
	star := start(t, Options{Builder: bundleBuilder(), CORSOrigins: []string{"*"}})
	star.rebuild()
	if resp, _ := star.corsRequest("GET", "/dist/p/1.0.0/p.mjs", other, nil); resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("with *: Access-Control-Allow-Origin %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}
	// None.
	none := start(t, Options{Builder: bundleBuilder()})
	none.rebuild()
	if resp, _ := none.corsRequest("GET", "/dist/p/1.0.0/p.mjs", allowed, nil); resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("without CORSOrigins: Access-Control-Allow-Origin %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}
	if resp, _ := none.corsRequest("OPTIONS", "/dist/p/1.0.0/p.mjs", allowed, preflight); resp.StatusCode != http.StatusForbidden {
		t.Errorf("preflight without CORSOrigins: %d", resp.StatusCode)
	}
}

// TestCORSInBrowser: a page of a frontend dev server on another port of
// 127.0.0.1 imports a bundle from the devserver and fetches it with a
// custom header (a preflight): both work for its listed origin, and the
// browser blocks them for a page of an origin not listed.
func TestCORSInBrowser(t *testing.T) {
	page := []byte(`<!doctype html><script type="module">
const url = new URL(location.hash.slice(1));
try {
  const m = await import(url + "npm/p/current/p.mjs");
  const res = await fetch(url + "dist/p/1.0.0/p.d.ts", { headers: { "X-Requested-With": "modc-test" } });
  document.title = "ok " + m.answer + " " + (await res.text()).length;
} catch (e) {
  document.title = "blocked";
}
</script>`)
	front := webtest.Serve(t, map[string][]byte{"index.html": page}, webtest.Options{})
	foreign := webtest.Serve(t, map[string][]byte{"index.html": page}, webtest.Options{})
	r := start(t, Options{Builder: bundleBuilder(), CORSOrigins: []string{front.URL}})
	r.rebuild()

	ctx := browsertest.New(t, nil)
	title := func(origin string) string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(origin+"/#"+r.url)); err != nil {
			t.Fatalf("%s: %v", origin, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Poll[string](`document.title !== "" && document.title`))
		if err != nil {
			t.Fatalf("%s: %v", origin, err)
		}
		return got
	}
	if got, want := title(front.URL), "ok 42 37"; got != want {
		t.Errorf("the listed origin's page says %q, want %q", got, want)
	}
	if got := title(foreign.URL); got != "blocked" {
		t.Errorf("the page of an origin not listed says %q, want blocked", got)
	}
}

func TestCheckOrigins(t *testing.T) {
	for _, ok := range [][]string{nil, {"*"}, {"http://localhost:5173", "https://app.example.com"}, {"http://[::1]:3000"}} {
		if err := CheckOrigins(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"localhost:5173", "http://localhost:5173/", "ftp://x", "http://", "HTTP://x", "http://a/b", "*.example.com"} {
		if err := CheckOrigins([]string{bad}); err == nil || !strings.Contains(err.Error(), "is not an origin") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
