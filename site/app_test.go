package site

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/internal/browsertest"
)

// TestExampleAppInBuiltSite builds the repository's workspace as `modc
// build` does and opens the portal app from the written output, in mock
// mode, under a CSP without unsafe-eval: the page-load function fills the
// Token widget, and the users table fills from the query module.
func TestExampleAppInBuiltSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	r := Build(compiler.Options{Root: "..", Out: out, CacheDir: "-"})
	if r.Failed() {
		t.Fatal(r.Messages)
	}
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Security-Policy", "script-src 'self'")
		files.ServeHTTP(w, req)
	}))
	defer srv.Close()
	ctx := browsertest.New(t, nil)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/apps/portal/?mock=1")); err != nil {
		t.Fatal(err)
	}
	var token, rows string
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		token, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-widget=Token]').innerText`))
		rows, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-widget=Table1] tbody')?.innerText || ""`))
		if strings.HasPrefix(token, "eyJ") && rows != "" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.HasPrefix(token, "eyJ") || !strings.Contains(rows, "Ada") {
		t.Errorf("portal app: token %q, rows %q", token, rows)
	}
}
