package devserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/site/livereload"
	"github.com/modc-dev/modc/site/watch"
)

// wait bounds every wait in these tests; it is never reached when things
// work.
const wait = 15 * time.Second

// lockedBuffer is the devserver's log, read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// running is a devserver started by a test.
type running struct {
	t        testing.TB
	url      string // "http://127.0.0.1:port/"
	addr     string // "127.0.0.1:port"
	port     string
	log      *lockedBuffer
	rebuilds chan Rebuild
	cancel   context.CancelFunc
	done     chan error
}

// start runs Serve on a free port (or opts.Port) until the test ends.
func start(t testing.TB, opts Options) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{t: t, log: &lockedBuffer{}, rebuilds: make(chan Rebuild, 1000), cancel: cancel, done: make(chan error, 1)}
	ready := make(chan string, 1)
	opts.Log = r.log
	opts.Ready = func(url string) { ready <- url }
	opts.OnRebuild = func(rb Rebuild) {
		select {
		case r.rebuilds <- rb:
		default:
		}
	}
	go func() { r.done <- Serve(ctx, opts) }()
	select {
	case r.url = <-ready:
	case err := <-r.done:
		cancel()
		t.Fatalf("Serve: %v", err)
	case <-time.After(wait):
		cancel()
		t.Fatal("the devserver did not start")
	}
	r.addr = strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/")
	_, r.port, _ = net.SplitHostPort(r.addr)
	t.Cleanup(func() { r.stop() })
	return r
}

// stop cancels Serve and waits for it to return.
func (r *running) stop() {
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			r.t.Errorf("Serve returned %v", err)
		}
		r.done <- nil // for a second stop
	case <-time.After(wait):
		r.t.Error("Serve did not return after cancel")
	}
}

// rebuild waits for the next build report.
func (r *running) rebuild() Rebuild {
	r.t.Helper()
	select {
	case rb := <-r.rebuilds:
		return rb
	case <-time.After(wait):
		r.t.Fatalf("no rebuild within %v; log:\n%s", wait, r.log)
	}
	return Rebuild{}
}

// changed waits for the next build that changed the output (a slow save
// may come as two batches, the first changing nothing).
func (r *running) changed() Rebuild {
	r.t.Helper()
	for {
		if rb := r.rebuild(); rb.Event != EventNone {
			return rb
		}
	}
}

// get fetches a path with the Go client.
func (r *running) get(path string) (*http.Response, string) {
	r.t.Helper()
	resp, err := http.Get(r.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		r.t.Fatal(err)
	}
	return resp, string(body)
}

// raw sends a request as written, so that nothing normalizes the path or
// the Host, and returns the response.
func (r *running) raw(method, target, host string) (*http.Response, string) {
	r.t.Helper()
	conn, err := net.Dial("tcp", r.addr)
	if err != nil {
		r.t.Fatal(err)
	}
	defer conn.Close()
	hostLine := ""
	if host != "" {
		hostLine = "Host: " + host + "\r\n"
	}
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\n%sConnection: close\r\n\r\n", method, target, hostLine)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		r.t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// sseClient reads the live-reload stream like a page does.
type sseClient struct {
	t      testing.TB
	events chan sseEvent
	body   io.Closer
}

type sseEvent struct {
	name, data string
	at         time.Time
}

func (r *running) connect() *sseClient {
	r.t.Helper()
	resp, err := http.Get(r.url + strings.TrimPrefix(livereload.EventsPath, "/"))
	if err != nil {
		r.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		r.t.Fatalf("event stream: status %d", resp.StatusCode)
	}
	c := &sseClient{t: r.t, events: make(chan sseEvent, 100), body: resp.Body}
	r.t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(c.events)
		br := bufio.NewReader(resp.Body)
		var ev sseEvent
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case line == "" && ev.name != "":
				ev.at = time.Now()
				c.events <- ev
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data += line[len("data: "):]
			}
		}
	}()
	c.expect("hello")
	return c
}

func (c *sseClient) next() sseEvent {
	c.t.Helper()
	select {
	case ev, ok := <-c.events:
		if !ok {
			c.t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(wait):
		c.t.Fatalf("no event within %v", wait)
	}
	return sseEvent{}
}

func (c *sseClient) expect(name string) sseEvent {
	c.t.Helper()
	ev := c.next()
	if ev.name != name {
		c.t.Fatalf("event %q %s, want %q", ev.name, ev.data, name)
	}
	return ev
}

func newWatcher(t testing.TB, dir string) *watch.Watcher {
	t.Helper()
	w, err := watch.New(dir, watch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func TestServeFiles(t *testing.T) {
	dir := copyWorkspace(t, "pages")
	r := start(t, Options{Builder: newPageBuilder(dir)})
	if rb := r.rebuild(); rb.Event != EventNone || rb.Changed != nil || len(rb.Files) != 4 {
		t.Errorf("first build %+v", rb)
	}
	for _, c := range []struct {
		path, ctype, contains string
		status                int
	}{
		{"/", "text/html; charset=utf-8", livereload.Tag + "</body>", 200},
		{"/auth/login/", "text/html; charset=utf-8", "hello from login", 200},
		{"/auth/login/index.html?x=1", "text/html; charset=utf-8", "hello from login", 200},
		{"/style.css", "text/css; charset=utf-8", "rgb(10, 20, 30)", 200},
		{"/missing/page", "text/html; charset=utf-8", "no page at <code>/missing/page</code>", 404},
		{"/<script>", "text/html; charset=utf-8", "&lt;script&gt;" + "</code>", 404},
		{"/__modc/livereload.js", "text/javascript; charset=utf-8", "EventSource", 200},
		{"/__modc/other", "text/html; charset=utf-8", livereload.Tag, 404},
	} {
		resp, body := r.get(c.path)
		if resp.StatusCode != c.status || resp.Header.Get("Content-Type") != c.ctype || !strings.Contains(body, c.contains) {
			t.Errorf("GET %s: %d %q, body:\n%s", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	}
	if resp, _ := r.get("/style.css"); resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("headers %v", resp.Header)
	}

	// A directory without its slash is redirected, keeping the query.
	resp, _ := r.raw("GET", "/auth/login?tab=1", r.addr)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/auth/login/?tab=1" {
		t.Errorf("redirect: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := r.raw("HEAD", "/style.css", r.addr)
	if resp.StatusCode != 200 || body != "" || resp.ContentLength != int64(len("body { color: rgb(10, 20, 30); }\n")) {
		t.Errorf("HEAD: %d, length %d, body %q", resp.StatusCode, resp.ContentLength, body)
	}
	if resp, _ := r.raw("POST", "/", r.addr); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", resp.StatusCode)
	}
}

func TestContentTypes(t *testing.T) {
	for name, want := range map[string]string{
		"a.html": "text/html; charset=utf-8", "a.HTM": "text/html; charset=utf-8",
		"dist/auth/1.0.0/auth.js": "text/javascript; charset=utf-8", "auth.mjs": "text/javascript; charset=utf-8",
		"auth.js.map": "application/json", "meta.json": "application/json", "auth.d.ts": "text/plain; charset=utf-8",
		"site.css": "text/css; charset=utf-8", "logo.svg": "image/svg+xml", "logo.png": "image/png",
		"font.woff2": "font/woff2", "favicon.ico": "image/x-icon",
	} {
		if got := contentType(name, nil); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	if got := contentType("LICENSE", []byte("plain words")); got != "text/plain; charset=utf-8" {
		t.Errorf("sniffed: %q", got)
	}
}

func TestNoTraversal(t *testing.T) {
	dir := copyWorkspace(t, "pages")
	r := start(t, Options{Builder: newPageBuilder(dir)})
	for _, target := range []string{
		"/../../etc/passwd",
		"/auth/../../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/%2E%2E/%2E%2E/etc/passwd",
		"/.%2e/.%2e/etc/passwd",
		"/..%2f..%2fetc%2fpasswd",
		"/..%2F..%2Fetc/passwd",
		"/..%5c..%5cetc%5cpasswd",
		"/..\\..\\etc\\passwd",
		"/auth\\login\\index.html",
		"/%00",
		"/style.css%00.html",
		"/auth/./login/",
		"//etc/passwd",
		"/auth//login/",
		"/%252e%252e/etc/passwd",
		"*",
	} {
		resp, body := r.raw("GET", target, r.addr)
		if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d", target, resp.StatusCode)
		}
		if strings.Contains(body, "root:") || strings.Contains(body, "hello from login") {
			t.Errorf("GET %s: served %q", target, body)
		}
	}
	// The plain path next to them is served: the refusals are not a
	// server that refuses everything.
	if resp, _ := r.raw("GET", "/auth/login/", r.addr); resp.StatusCode != 200 {
		t.Errorf("GET /auth/login/: %d", resp.StatusCode)
	}
}

func TestHostHeader(t *testing.T) {
	dir := copyWorkspace(t, "pages")
	r := start(t, Options{Builder: newPageBuilder(dir)})
	for host, want := range map[string]int{
		"127.0.0.1:" + r.port:        200,
		"localhost:" + r.port:        200,
		"LOCALHOST:" + r.port:        200,
		"[::1]:" + r.port:            200,
		"evil.example:" + r.port:     403,
		"evil.example":               403,
		"127.0.0.1":                  403, // port 80, not ours
		"127.0.0.1:1":                403,
		"localhost.:" + r.port:       403,
		"10.0.0.7:" + r.port:         403,
		"127.0.0.1.nip.io:" + r.port: 403,
	} {
		resp, body := r.raw("GET", "/", host)
		if resp.StatusCode != want {
			t.Errorf("Host %q: status %d, want %d", host, resp.StatusCode, want)
		}
		if want == 403 && !strings.Contains(body, "DNS rebinding") {
			t.Errorf("Host %q: body %q", host, body)
		}
	}
	// The event stream is behind the same check.
	if resp, _ := r.raw("GET", livereload.EventsPath, "evil.example:"+r.port); resp.StatusCode != 403 {
		t.Errorf("event stream for a foreign host: %d", resp.StatusCode)
	}
	// HTTP/1.0 without a Host.
	conn, err := net.Dial("tcp", r.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "GET / HTTP/1.0\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("no Host: status %d", resp.StatusCode)
	}
}

func TestAllowedHostBoundEverywhere(t *testing.T) {
	s := &server{opts: Options{Bind: "0.0.0.0"}, port: "1313", bindIP: net.ParseIP("0.0.0.0"), anyIP: true}
	for host, want := range map[string]bool{
		"192.168.1.20:1313": true, "[fe80::1]:1313": true, "localhost:1313": true,
		"evil.example:1313": false, "192.168.1.20:1314": false,
	} {
		if got := s.allowedHost(host); got != want {
			t.Errorf("allowedHost(%q) = %v, want %v", host, got, want)
		}
	}
	named := &server{opts: Options{Bind: "devbox.local"}, port: "8080"}
	if !named.allowedHost("devbox.local:8080") || !named.allowedHost("DEVBOX.local:8080") || named.allowedHost("other.local:8080") {
		t.Error("a bound host name")
	}
}

func TestBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	dir := copyWorkspace(t, "pages")
	b := newPageBuilder(dir)
	ctx, cancel := context.WithTimeout(context.Background(), wait) // a devserver that serves anyway stops
	defer cancel()
	err = Serve(ctx, Options{Port: port, Builder: b})
	want := fmt.Sprintf("127.0.0.1:%d is already in use; pass --port", port)
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	if b.builds != 0 {
		t.Error("built before finding the port busy")
	}
}

func TestRebuilds(t *testing.T) {
	dir := copyWorkspace(t, "pages")
	r := start(t, Options{Builder: newPageBuilder(dir), Watcher: newWatcher(t, dir)})
	r.rebuild() // the first build
	page := r.connect()

	// An edit: the page reloads, once the new page is served.
	writeFile(t, dir, "modules/auth/login/main.js", "export default {\n  greeting: \"edited\",\n};\n")
	ev := page.expect("reload")
	if _, body := r.get("/auth/login/"); !strings.Contains(body, "edited") {
		t.Errorf("after reload: %s", body)
	}
	rb := r.changed()
	if rb.Event != EventReload || !slices.Contains(rb.Changed, "modules/auth/login/main.js") ||
		!slices.Equal(rb.Files, []string{"auth/login/index.html"}) {
		t.Errorf("rebuild %+v", rb)
	}
	if rb.Start.IsZero() || rb.Received.Before(rb.Start) || rb.Notified.Before(rb.Received) || ev.at.Before(rb.Notified) ||
		rb.Latency() <= 0 || rb.Latency() < rb.Build {
		t.Errorf("timings: start %v received %v build %v notified %v", rb.Start, rb.Received, rb.Build, rb.Notified)
	}

	// A syntax error: the old page stays, every page gets the errors.
	writeFile(t, dir, "modules/auth/login/main.js", "export default {\n  greet( {\n};\n")
	ev = page.expect("build-error")
	var failed struct{ Errors []livereload.Message }
	if err := json.Unmarshal([]byte(ev.data), &failed); err != nil {
		t.Fatal(err)
	}
	if len(failed.Errors) != 1 || failed.Errors[0].Location != "modules/auth/login/main.js:3:2" ||
		!strings.Contains(failed.Errors[0].Frame, "3 | };") {
		t.Errorf("errors %+v", failed.Errors)
	}
	if rb := r.changed(); rb.Event != EventError || !rb.Messages.HasErrors() {
		t.Errorf("rebuild %+v", rb)
	}
	if _, body := r.get("/auth/login/"); !strings.Contains(body, "edited") {
		t.Errorf("the last good page is not served: %s", body)
	}
	late := r.connect() // a page opened while broken
	late.expect("build-error")
	if log := r.log.String(); !strings.Contains(log, "modules/auth/login/main.js:3:2: error: ") ||
		!strings.Contains(log, "    3 | };\n      |  ^") || !strings.Contains(log, "still serving the last good build") {
		t.Errorf("log:\n%s", log)
	}

	// Fixed: the overlay goes and pages reload.
	writeFile(t, dir, "modules/auth/login/main.js", "export default {\n  greeting: \"fixed\",\n};\n")
	page.expect("ok")
	page.expect("reload")
	late.expect("ok")
	late.expect("reload")
	if _, body := r.get("/auth/login/"); !strings.Contains(body, "fixed") {
		t.Errorf("after the fix: %s", body)
	}
	r.changed()

	// A stylesheet only: swapped, not reloaded.
	writeFile(t, dir, "templates/style.css", "body { color: rgb(200, 0, 0); }\n")
	if ev := page.expect("css"); ev.data != `{"paths":["/style.css"]}` {
		t.Errorf("css event %s", ev.data)
	}
	if rb := r.changed(); rb.Event != EventCSS {
		t.Errorf("rebuild %+v", rb)
	}

	// A save that changes no output tells nobody; the next change does.
	writeFile(t, dir, "modules/auth/login/main.js", "export default {\n  greeting: \"fixed\",\n};\n")
	if rb := r.rebuild(); rb.Event != EventNone || len(rb.Files) != 0 {
		t.Errorf("rebuild %+v", rb)
	}
	writeFile(t, dir, "modules/auth/tokens/main.js", "export default {\n  token: 1,\n};\n")
	page.expect("reload")
	if rb := r.changed(); !slices.Equal(rb.Files, []string{"auth/tokens/index.html"}) {
		t.Errorf("rebuild %+v", rb)
	}
	// A new module: a new page, and the index changes.
	writeFile(t, dir, "modules/shop/cart/main.js", "export default {};\n")
	page.expect("reload")
	if rb := r.changed(); !slices.Equal(rb.Files, []string{"index.html", "shop/cart/index.html"}) {
		t.Errorf("rebuild %+v", rb)
	}
}

func TestFirstBuildFails(t *testing.T) {
	dir := copyWorkspace(t, "pages")
	writeFile(t, dir, "modules/auth/login/main.js", "export default {\n  greet( {\n};\n")
	r := start(t, Options{Builder: newPageBuilder(dir), Watcher: newWatcher(t, dir)})
	if rb := r.rebuild(); rb.Event != EventError {
		t.Errorf("first build %+v", rb)
	}
	resp, body := r.get("/auth/tokens/")
	if resp.StatusCode != 404 || !strings.Contains(body, "The first build failed") || !strings.Contains(body, livereload.Tag) {
		t.Errorf("before any good build: %d %s", resp.StatusCode, body)
	}
	if log := r.log.String(); !strings.Contains(log, "nothing to serve until it is fixed") {
		t.Errorf("log:\n%s", log)
	}
	page := r.connect()
	page.expect("build-error")
	writeFile(t, dir, "modules/auth/login/main.js", "export default {};\n")
	page.expect("ok")
	page.expect("reload")
	if resp, _ := r.get("/auth/tokens/"); resp.StatusCode != 200 {
		t.Errorf("after the fix: %d", resp.StatusCode)
	}
}

func TestBuilderError(t *testing.T) {
	fail := errors.New("disk on fire")
	calls := 0
	b := BuilderFunc(func(ctx context.Context, changed []string) (*Output, error) {
		calls++
		if calls == 1 {
			return &Output{Files: map[string][]byte{"index.html": []byte("<p>one</p>")}}, nil
		}
		return nil, fail
	})
	dir := copyWorkspace(t, "pages")
	r := start(t, Options{Builder: b, Watcher: newWatcher(t, dir)})
	r.rebuild()
	page := r.connect()
	writeFile(t, dir, "modules/auth/login/main.js", "export default {};\n")
	ev := page.expect("build-error")
	if !strings.Contains(ev.data, "the build could not run: disk on fire") {
		t.Errorf("event %s", ev.data)
	}
	if _, body := r.get("/"); !strings.Contains(body, "<p>one</p>") {
		t.Errorf("served %s", body)
	}
	r.changed() // reported once logged
	if log := r.log.String(); !strings.Contains(log, "error: the build could not run: disk on fire\n") {
		t.Errorf("log:\n%s", log)
	}
}

func TestWarningsAreNotErrors(t *testing.T) {
	b := BuilderFunc(func(ctx context.Context, changed []string) (*Output, error) {
		return &Output{
			Files:    map[string][]byte{"index.html": []byte("<p>ok</p>")},
			Messages: diag.List{diag.Warningf("json-wrong-type", diag.Location{File: "modc.json", Line: 1, Column: 1, LineText: "{}"}, "a warning")},
		}, nil
	})
	r := start(t, Options{Builder: b})
	if rb := r.rebuild(); rb.Event != EventNone {
		t.Errorf("first build %+v", rb)
	}
	if resp, _ := r.get("/"); resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
	if log := r.log.String(); !strings.Contains(log, "modc.json:1:1: warning: a warning") {
		t.Errorf("log:\n%s", log)
	}
}

func TestHandlers(t *testing.T) {
	b := BuilderFunc(func(ctx context.Context, changed []string) (*Output, error) {
		return &Output{Files: map[string][]byte{"index.html": []byte("<p>ok</p>")}}, nil
	})
	r := start(t, Options{Builder: b, Handlers: map[string]http.Handler{
		"/__modc/mock/": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "mock "+r.URL.Path)
		}),
		"/__modc/mock/special/": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "special")
		}),
	}})
	if _, body := r.get("/__modc/mock/shop/cart"); body != "mock /__modc/mock/shop/cart" {
		t.Errorf("body %q", body)
	}
	if _, body := r.get("/__modc/mock/special/x"); body != "special" {
		t.Errorf("body %q", body)
	}
	if resp, _ := r.raw("GET", "/__modc/mock/../../etc/passwd", r.addr); resp.StatusCode != 400 {
		t.Errorf("traversal through a handler: %d", resp.StatusCode)
	}
	if resp, _ := r.raw("GET", "/__modc/mock/x", "evil.example:"+r.port); resp.StatusCode != 403 {
		t.Errorf("foreign host through a handler: %d", resp.StatusCode)
	}
}

func TestShutdown(t *testing.T) {
	dir := copyWorkspace(t, "pages")
	r := start(t, Options{Builder: newPageBuilder(dir), Watcher: newWatcher(t, dir)})
	page := r.connect() // an open stream must not hold the shutdown
	begin := time.Now()
	r.stop()
	if d := time.Since(begin); d > 4*time.Second {
		t.Errorf("shutdown took %v", d)
	}
	select {
	case _, ok := <-page.events:
		if ok {
			t.Error("an event after shutdown")
		}
	case <-time.After(wait):
		t.Error("the event stream is still open")
	}
	if _, err := net.Dial("tcp", r.addr); err == nil {
		t.Error("still listening")
	}
}

func TestNoBuilder(t *testing.T) {
	if err := Serve(context.Background(), Options{}); err == nil {
		t.Error("no error without a Builder")
	}
}

func TestDiff(t *testing.T) {
	shared := []byte("same")
	old := map[string][]byte{"a": shared, "b": []byte("x"), "gone": nil, "c": []byte("equal")}
	cur := map[string][]byte{"a": shared, "b": []byte("y"), "new": nil, "c": []byte("equal")}
	if got := diff(old, cur); !slices.Equal(got, []string{"b", "gone", "new"}) {
		t.Errorf("diff %v", got)
	}
	if got := diff(nil, map[string][]byte{"x": nil}); !slices.Equal(got, []string{"x"}) {
		t.Errorf("diff from nothing %v", got)
	}
	if !cssOnly(nil, nil, []string{"a.css", "assets/site.css"}) || cssOnly(nil, nil, []string{"a.css", "a.html"}) || cssOnly(nil, nil, nil) {
		t.Error("cssOnly")
	}
	// An app's manifest lists its style sheet's hash: a change of that
	// hash alone is still a style sheet change.
	m := func(css, js string) []byte {
		return []byte(`{"app":"a","css":"custom.css","files":{"app.js":"` + js + `","custom.css":"` + css + `"}}`)
	}
	old = map[string][]byte{"apps/a/manifest.json": m("1", "1")}
	changed := []string{"apps/a/custom.css", "apps/a/manifest.json"}
	if !cssOnly(old, map[string][]byte{"apps/a/manifest.json": m("2", "1")}, changed) {
		t.Error("cssOnly: a manifest whose style sheet hash changed")
	}
	if cssOnly(old, map[string][]byte{"apps/a/manifest.json": m("2", "2")}, changed) {
		t.Error("cssOnly: a manifest whose app.js hash changed too")
	}
	if cssOnly(old, map[string][]byte{"apps/a/manifest.json": m("2", "1")}, []string{"apps/b/custom.css", "apps/a/manifest.json"}) {
		t.Error("cssOnly: a manifest whose own style sheet did not change")
	}
	if cssOnly(old, map[string][]byte{"apps/a/manifest.json": []byte(`{"app":"b","files":{}}`)}, changed) {
		t.Error("cssOnly: a manifest that changed otherwise")
	}
}

// TestLater checks that pages are told to reload before Output.Later runs,
// that the files it makes are served once it is done (requests for them
// wait) and that the other files are served meanwhile.
func TestLater(t *testing.T) {
	release := make(chan struct{})
	calls := 0
	b := BuilderFunc(func(ctx context.Context, changed []string) (*Output, error) {
		calls++
		if calls == 1 {
			return &Output{Files: map[string][]byte{"index.html": []byte("<p>one</p>"), "a/index.html": []byte("<p>a1</p>")}}, nil
		}
		return &Output{
			Files:   map[string][]byte{"index.html": []byte("<p>two</p>")},
			Pending: []string{"a/index.html"},
			Later: func() (map[string][]byte, diag.List) {
				<-release
				return map[string][]byte{"a/index.html": []byte("<p>a2</p>")}, nil
			},
		}, nil
	})
	dir := copyWorkspace(t, "pages")
	r := start(t, Options{Builder: b, Watcher: newWatcher(t, dir)})
	r.rebuild()
	page := r.connect()
	writeFile(t, dir, "modules/auth/login/main.js", "export default {};\n")
	page.expect("reload") // while Later waits
	if _, body := r.get("/"); !strings.Contains(body, "<p>two</p>") {
		t.Errorf("/ served %s", body)
	}
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get(r.url + "a/")
		if err != nil {
			got <- err.Error()
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		got <- string(body)
	}()
	select {
	case body := <-got:
		t.Fatalf("/a/ answered before Later made it: %s", body)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	select {
	case body := <-got:
		if !strings.Contains(body, "<p>a2</p>") {
			t.Errorf("/a/ served %s", body)
		}
	case <-time.After(wait):
		t.Fatalf("/a/ not answered %v after Later was released", wait)
	}
	if rb := r.changed(); rb.Event != EventReload || !slices.Equal(rb.Files, []string{"a/index.html", "index.html"}) {
		t.Errorf("rebuild: event %s, files %v", rb.Event, rb.Files)
	}
	if _, body := r.get("/a/"); !strings.Contains(body, "<p>a2</p>") {
		t.Errorf("/a/ served %s afterwards", body)
	}
}

// TestLaterFailureKeepsTheLastGoodFile: when the files a build put off
// fail to render, their previous bytes stay served and pages are told of
// the error.
func TestLaterFailureKeepsTheLastGoodFile(t *testing.T) {
	calls := 0
	b := BuilderFunc(func(ctx context.Context, changed []string) (*Output, error) {
		calls++
		if calls == 1 {
			return &Output{Files: map[string][]byte{"index.html": []byte("<p>one</p>"), "a/index.html": []byte("<p>a1</p>")}}, nil
		}
		return &Output{
			Files:   map[string][]byte{"index.html": []byte("<p>two</p>")},
			Pending: []string{"a/index.html"},
			Later: func() (map[string][]byte, diag.List) {
				return nil, diag.List{diag.Errorf("docs-template", diag.Location{File: "templates/module.html", Line: 3, Column: 7}, "template failed")}
			},
		}, nil
	})
	dir := copyWorkspace(t, "pages")
	r := start(t, Options{Builder: b, Watcher: newWatcher(t, dir)})
	r.rebuild()
	page := r.connect()
	writeFile(t, dir, "modules/auth/login/main.js", "export default {};\n")
	page.expect("reload")
	page.expect("build-error")
	if rb := r.changed(); rb.Event != EventError || !rb.Messages.HasErrors() {
		t.Errorf("rebuild: event %s, messages %v", rb.Event, rb.Messages)
	}
	if _, body := r.get("/a/"); !strings.Contains(body, "<p>a1</p>") {
		t.Errorf("/a/ served %s, not its last good bytes", body)
	}
	if _, body := r.get("/"); !strings.Contains(body, "<p>two</p>") {
		t.Errorf("/ served %s", body)
	}
}
