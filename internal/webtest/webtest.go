// Package webtest serves files held in memory over HTTP on 127.0.0.1 for
// tests, as a static host or a CDN would: what a build produced, for a
// headless browser (package browsertest) to load.
package webtest

import (
	"mime"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"
)

// Options says how Serve answers besides sending the files. The zero
// value serves the files at the root with no extra headers and answers
// anything else 404 Not Found.
type Options struct {
	// Base is the URL path the files are served under (default "/"): the
	// file "a/b.js" is at Base+"a/b.js". A path outside Base has no file.
	Base string
	// Header is set on every answer, a file or not: a
	// Content-Security-Policy, Access-Control-Allow-Origin.
	Header map[string]string
	// Fallback answers the requests that have no file: the test's own
	// pages, an API.
	Fallback http.HandlerFunc
	// NotFoundPage is the file sent with status 404 for a path that has
	// no file, when there is no Fallback, such as "404.html" (a 404 with
	// an empty body when files has no such file). Empty: http.NotFound.
	NotFoundPage string
}

// Serve starts an HTTP server on 127.0.0.1 that answers a request for
// Base+p with files[p], and one for a path ending in "/" with that
// directory's index.html, with a Content-Type from the file's extension
// (text/javascript for .js and .mjs). It stops the server when the test
// ends.
func Serve(t testing.TB, files map[string][]byte, o Options) *httptest.Server {
	t.Helper()
	base := o.Base
	if base == "" {
		base = "/"
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range o.Header {
			w.Header().Set(k, v)
		}
		p, ok := strings.CutPrefix(r.URL.Path, base)
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if data, found := files[p]; ok && found {
			if typ := contentType(p); typ != "" {
				w.Header().Set("Content-Type", typ)
			}
			_, _ = w.Write(data)
			return
		}
		switch {
		case o.Fallback != nil:
			o.Fallback(w, r)
		case o.NotFoundPage != "":
			w.Header().Set("Content-Type", contentType(o.NotFoundPage))
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write(files[o.NotFoundPage])
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// contentType is the Content-Type of a file by its extension.
func contentType(name string) string {
	switch ext := path.Ext(name); ext {
	case ".js", ".mjs":
		return "text/javascript"
	default:
		return mime.TypeByExtension(ext)
	}
}
