package webtest

import (
	"io"
	"net/http"
	"testing"
)

func TestServe(t *testing.T) {
	files := map[string][]byte{
		"index.html":   []byte("home"),
		"a/index.html": []byte("a"),
		"a/b.mjs":      []byte("export {}"),
		"c.css":        []byte("p{}"),
		"404.html":     []byte("missing"),
	}
	get := func(url string) (int, string, string, string) {
		t.Helper()
		res, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("X-Test"), string(body)
	}
	for _, c := range []struct {
		name      string
		opts      Options
		path      string
		status    int
		typ, body string
	}{
		{"root index", Options{}, "/", 200, "text/html; charset=utf-8", "home"},
		{"directory index", Options{}, "/a/", 200, "text/html; charset=utf-8", "a"},
		{"module", Options{}, "/a/b.mjs", 200, "text/javascript", "export {}"},
		{"by mime", Options{}, "/c.css", 200, "text/css; charset=utf-8", "p{}"},
		{"not found", Options{}, "/nope", 404, "text/plain; charset=utf-8", "404 page not found\n"},
		{"under base", Options{Base: "/docs/"}, "/docs/a/b.mjs", 200, "text/javascript", "export {}"},
		{"outside base", Options{Base: "/docs/", NotFoundPage: "404.html"}, "/a/b.mjs", 404, "text/html; charset=utf-8", "missing"},
		{"not found page", Options{NotFoundPage: "404.html"}, "/nope", 404, "text/html; charset=utf-8", "missing"},
		{"fallback", Options{NotFoundPage: "404.html", Fallback: func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "api "+r.URL.Path) }}, "/api/x", 200, "text/plain; charset=utf-8", "api /api/x"},
	} {
		c.opts.Header = map[string]string{"X-Test": "set"}
		srv := Serve(t, files, c.opts)
		status, typ, header, body := get(srv.URL + c.path)
		if status != c.status || typ != c.typ || body != c.body || header != "set" {
			t.Errorf("%s: %d %q %q %q, want %d %q %q and the header", c.name, status, typ, header, body, c.status, c.typ, c.body)
		}
	}
}
