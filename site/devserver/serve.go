package devserver

import (
	"bytes"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/modc-dev/modc/site/livereload"
)

// ServeHTTP checks the Host and the path, then answers from the live-reload
// hub, a handler of Options.Handlers, or the current output.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowedHost(r.Host) {
		http.Error(w, fmt.Sprintf("Forbidden: this server answers only to its own address (protection against DNS rebinding), "+
			"not to Host %q; open http://127.0.0.1:%s/", r.Host, s.port), http.StatusForbidden)
		return
	}
	if s.cors(w, r) {
		return // a preflight, answered
	}
	p, ok := cleanPath(r.URL)
	if !ok {
		http.Error(w, "Bad request: invalid path", http.StatusBadRequest)
		return
	}
	if p == livereload.EventsPath || p == livereload.ScriptPath {
		s.hub.ServeHTTP(w, r)
		return
	}
	if h := s.handler(p); h != nil {
		h.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.serveFile(w, r, p)
}

// handler returns the handler of Options.Handlers with the longest prefix
// of p.
func (s *server) handler(p string) http.Handler {
	var best string
	var h http.Handler
	for prefix, ph := range s.opts.Handlers {
		if strings.HasPrefix(p, prefix) && len(prefix) > len(best) {
			best, h = prefix, ph
		}
	}
	return h
}

// allowedHost reports whether a request's Host names this server: a
// loopback name or the bound address, with the port. When bound to every
// interface, any IP address is allowed too: DNS rebinding needs a name.
func (s *server) allowedHost(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80"
	}
	if port != s.port || host == "" {
		return false
	}
	switch strings.ToLower(host) {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	ip := net.ParseIP(host)
	switch {
	case ip == nil:
		return s.bindIP == nil && strings.EqualFold(host, s.opts.Bind)
	case s.anyIP:
		return true
	default:
		return s.bindIP != nil && ip.Equal(s.bindIP)
	}
}

// cleanPath returns the request's path if it is a plain path inside the
// site: no "." or ".." segments, no empty segments but a trailing slash,
// no backslashes or NUL, and no encoded slash, backslash or NUL.
func cleanPath(u *url.URL) (string, bool) {
	p := u.Path
	if p == "" || p[0] != '/' || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	esc := strings.ToLower(u.EscapedPath())
	for _, bad := range []string{"%2f", "%5c", "%00"} {
		if strings.Contains(esc, bad) {
			return "", false
		}
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		switch {
		case seg == "." || seg == "..":
			return "", false
		case seg == "" && i < len(segs)-1:
			return "", false
		}
	}
	return p, true
}

// serveFile answers from the current output: files by path, index.html for
// directories, a redirect to add the slash of a directory, and the 404
// page (the output's 404.html, or a page of ours). HTML pages get the live
// reload script.
func (s *server) serveFile(w http.ResponseWriter, r *http.Request, p string) {
	name := p[1:]
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	var files map[string][]byte
	cur := s.current.Load()
	// A build put the file off until pages were told; by the time it is
	// made, a newer build may have put it off again.
	for cur != nil && (cur.pending[name] || cur.pending[name+"/index.html"]) {
		select {
		case <-cur.done:
			cur = s.current.Load()
		case <-r.Context().Done():
			return
		}
	}
	if cur != nil {
		files = cur.files
	}
	data, found := files[name]
	if !found && !strings.HasSuffix(p, "/") {
		if _, dir := files[name+"/index.html"]; dir {
			target := p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
	}
	status := http.StatusOK
	if !found {
		status = http.StatusNotFound
		name = "404.html"
		if data, found = files[name]; !found {
			data = notFoundPage(p, files == nil)
		}
	}
	ctype := contentType(name, data)
	if strings.HasPrefix(ctype, "text/html") {
		data = livereload.Inject(data)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	if status == http.StatusOK {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	h.Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// notFoundPage is the 404 page when the output has none. With the live
// reload script it reloads by itself once a build makes the page.
func notFoundPage(p string, nothing bool) []byte {
	msg := fmt.Sprintf("The site has no page at <code>%s</code>.", html.EscapeString(p))
	if nothing {
		msg = "The first build failed: nothing to serve yet. Fix the errors and save; this page reloads by itself."
	}
	return fmt.Appendf(nil, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}</style>
</head><body><h1>Not found</h1><p>%s</p><p><a href="/">Home</a></p></body></html>
`, msg)
}

// contentTypes are the types of the files a site has, fixed here rather
// than taken from the system's MIME database, which differs between
// machines.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".htm":   "text/html; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".cjs":   "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".json":  "application/json",
	".map":   "application/json",
	".ts":    "text/plain; charset=utf-8", // .d.ts declarations, shown as text
	".md":    "text/markdown; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".xml":   "application/xml",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".wasm":  "application/wasm",
	".pdf":   "application/pdf",
	".zip":   "application/zip",
	".gz":    "application/gzip",
}

// contentType returns the type of a file by its extension, else by sniffing.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}
