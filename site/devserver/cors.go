package devserver

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// CheckOrigins checks origins for Options.CORSOrigins: each must be "*" or
// an origin as browsers send it, scheme://host[:port] with no path, such
// as "http://localhost:5173".
func CheckOrigins(origins []string) error {
	for _, o := range origins {
		if o == "*" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || o != strings.ToLower(u.Scheme)+"://"+u.Host {
			return fmt.Errorf("%q is not an origin: write it as a browser sends it, scheme://host[:port] with no path or trailing slash, such as http://localhost:5173, or * for any", o)
		}
	}
	return nil
}

// cors adds the CORS headers of a request from an allowed origin, and
// answers a preflight (an OPTIONS request with
// Access-Control-Request-Method): 204 with what the devserver allows for an
// allowed origin, 403 otherwise. It reports whether it answered.
func (s *server) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
	if origin == "" || len(s.opts.CORSOrigins) == 0 {
		if preflight {
			http.Error(w, "Forbidden: cross-origin requests are not allowed; start the devserver with --cors-origin ORIGIN", http.StatusForbidden)
			return true
		}
		return false
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	allowed := slices.Contains(s.opts.CORSOrigins, origin)
	switch {
	case allowed:
		h.Set("Access-Control-Allow-Origin", origin)
	case slices.Contains(s.opts.CORSOrigins, "*"):
		allowed = true
		h.Set("Access-Control-Allow-Origin", "*")
	}
	if !preflight {
		return false
	}
	if !allowed {
		http.Error(w, fmt.Sprintf("Forbidden: origin %q is not allowed; add it with --cors-origin", origin), http.StatusForbidden)
		return true
	}
	h.Add("Vary", "Access-Control-Request-Method")
	h.Add("Vary", "Access-Control-Request-Headers")
	h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
	if hdrs := r.Header.Get("Access-Control-Request-Headers"); hdrs != "" {
		h.Set("Access-Control-Allow-Headers", hdrs)
	}
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true
}
