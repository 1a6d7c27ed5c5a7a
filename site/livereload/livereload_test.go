package livereload

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
)

// sse reads server-sent events from a real HTTP connection.
type sse struct {
	t    *testing.T
	resp *http.Response
	r    *bufio.Reader
}

type sseEvent struct {
	name, data string
}

func connect(t *testing.T, url string) *sse {
	t.Helper()
	resp, err := http.Get(url + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	return &sse{t: t, resp: resp, r: bufio.NewReader(resp.Body)}
}

// next returns the next event (comments and retry lines skipped).
func (s *sse) next() sseEvent {
	s.t.Helper()
	type result struct {
		ev  sseEvent
		err error
	}
	ch := make(chan result, 1)
	go func() {
		var ev sseEvent
		for {
			line, err := s.r.ReadString('\n')
			if err != nil {
				ch <- result{err: err}
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case line == "":
				if ev.name != "" || ev.data != "" {
					ch <- result{ev: ev}
					return
				}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			s.t.Fatalf("reading the stream: %v", r.err)
		}
		return r.ev
	case <-time.After(10 * time.Second):
		s.t.Fatal("no event within 10s")
	}
	return sseEvent{}
}

func (s *sse) expect(name string) sseEvent {
	s.t.Helper()
	ev := s.next()
	if ev.name != name {
		s.t.Fatalf("event %q (%s), want %q", ev.name, ev.data, name)
	}
	return ev
}

func waitClients(t *testing.T, h *Hub, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for h.Clients() != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d clients, want %d", h.Clients(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func brokenBuild() diag.List {
	src := diag.NewSource("modules/shop/cart/main.js", "export default {\n  total() {\n    return sum(;\n  },\n};\n")
	loc := src.Span(src.Offset(3, 16), src.Offset(3, 17))
	return diag.List{
		diag.Errorf("js-syntax", loc, "unexpected \";\""),
		diag.Errorf("json-unknown-field", diag.Location{File: "modules/shop/cart/module.json"}, "unknown field <img src=x onerror=alert(1)>").WithHint("did you mean %q?", "description"),
	}
}

func TestStream(t *testing.T) {
	h := New()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close) // after connect's Cleanup closes the stream: Close waits for it
	defer h.Close()

	a := connect(t, srv.URL)
	hello := a.expect("hello")
	var id struct{ ID string }
	if err := json.Unmarshal([]byte(hello.data), &id); err != nil || id.ID != h.ID() || id.ID == "" {
		t.Fatalf("hello %s, id %q", hello.data, h.ID())
	}
	waitClients(t, h, 1)

	h.Reload()
	if ev := a.expect("reload"); ev.data != `{}` {
		t.Errorf("reload data %s", ev.data)
	}
	h.Reload("/dist/p/1.0.0/p.mjs", "/apps/a/manifest.json")
	if ev := a.expect("reload"); ev.data != `{"paths":["/dist/p/1.0.0/p.mjs","/apps/a/manifest.json"]}` {
		t.Errorf("reload data with paths %s", ev.data)
	}

	h.CSS([]string{"/theme/site.css"})
	if ev := a.expect("css"); ev.data != `{"paths":["/theme/site.css"]}` {
		t.Errorf("css data %s", ev.data)
	}

	h.Error(brokenBuild())
	ev := a.expect("build-error")
	var got struct{ Errors []Message }
	if err := json.Unmarshal([]byte(ev.data), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Errors) != 2 {
		t.Fatalf("%d errors, want 2: %s", len(got.Errors), ev.data)
	}
	first := got.Errors[0]
	if first.Location != "modules/shop/cart/main.js:3:16" || first.Severity != "error" || first.Text != `unexpected ";"` || first.ID != "js-syntax" {
		t.Errorf("first error %+v", first)
	}
	if want := "    3 |     return sum(;\n      |                ^"; first.Frame != want {
		t.Errorf("frame\n%s\nwant\n%s", first.Frame, want)
	}
	if second := got.Errors[1]; second.Text != "unknown field <img src=x onerror=alert(1)>" || !strings.Contains(second.Frame, `hint: did you mean "description"?`) {
		t.Errorf("second error %+v", second)
	}

	// A page opened while the build is broken gets the errors at once.
	b := connect(t, srv.URL)
	b.expect("hello")
	if ev := b.expect("build-error"); !strings.Contains(ev.data, `"location":"modules/shop/cart/main.js:3:16"`) {
		t.Errorf("late page: %s", ev.data)
	}

	// Errors served with the new output (failing examples) say so.
	h.ErrorServed(brokenBuild()[:1])
	for _, c := range []*sse{a, b} {
		if ev := c.expect("build-error"); !strings.Contains(ev.data, `"served":true`) {
			t.Errorf("served errors: %s", ev.data)
		}
	}

	h.OK()
	a.expect("ok")
	b.expect("ok")

	// After OK, a new page gets hello and then only what comes next.
	c := connect(t, srv.URL)
	c.expect("hello")
	waitClients(t, h, 3)
	h.Reload()
	c.expect("reload")
}

func TestClose(t *testing.T) {
	h := New()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close) // after connect's Cleanup closes the stream: Close waits for it
	s := connect(t, srv.URL)
	s.expect("hello")
	h.Close()
	done := make(chan error, 1)
	go func() {
		_, err := io.ReadAll(s.r)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("stream ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("stream still open after Close")
	}
	resp, err := http.Get(srv.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("after Close: status %d", resp.StatusCode)
	}
}

func TestInstanceIDs(t *testing.T) {
	if a, b := New().ID(), New().ID(); a == b || len(a) != 16 {
		t.Errorf("ids %q and %q", a, b)
	}
}

func TestScript(t *testing.T) {
	srv := httptest.NewServer(New())
	t.Cleanup(srv.Close) // after connect's Cleanup closes the stream: Close waits for it
	resp, err := http.Get(srv.URL + ScriptPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); ct != "text/javascript; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	if !bytes.Equal(body, Script()) || !bytes.Contains(body, []byte(`new URL("/__modc/livereload", base)`)) {
		t.Errorf("script body of %d bytes", len(body))
	}
	resp, err = http.Post(srv.URL+ScriptPath, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d", resp.StatusCode)
	}
	resp, err = http.Get(srv.URL + "/__modc/other")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/__modc/other: status %d", resp.StatusCode)
	}
}

func TestInject(t *testing.T) {
	for in, want := range map[string]string{
		"<html><body><p>x</p></body></html>": "<html><body><p>x</p>" + Tag + "</body></html>",
		"<HTML><BODY>x</BODY></HTML>\n":      "<HTML><BODY>x" + Tag + "</BODY></HTML>\n",
		"<p>no body</p>":                     "<p>no body</p>" + Tag,
		"":                                   Tag,
		"<body><pre>&lt;/body&gt;</pre></body >\n":       "<body><pre>&lt;/body&gt;</pre>" + Tag + "</body >\n",
		"<body><script>'</body>'</script></body></body>": "<body><script>'</body>'</script></body>" + Tag + "</body>",
	} {
		if got := string(Inject([]byte(in))); got != want {
			t.Errorf("Inject(%q)\n= %q\nwant %q", in, got, want)
		}
	}
}

// TestDelivered checks that Delivered waits for the events sent to be
// written to the pages' streams: at once without pages, until written with
// a page connected over HTTP (whose events then all arrive), and no longer
// than its timeout for a page whose stream writes nothing; a page that
// goes away with events queued does not hold it up afterwards.
func TestDelivered(t *testing.T) {
	h := New()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close) // after connect's Cleanup closes the stream: Close waits for it
	defer h.Close()
	if !h.Delivered(0) {
		t.Fatal("Delivered with no page connected and nothing sent: false")
	}

	a := connect(t, srv.URL)
	a.expect("hello")
	waitClients(t, h, 1)
	for range 50 {
		h.Reload()
	}
	if !h.Delivered(10 * time.Second) {
		t.Fatal("50 reload events to a connected page: not delivered in 10 s")
	}
	for range 50 {
		a.expect("reload")
	}

	// A page whose stream writes nothing: registered, never served.
	stuck := &client{ch: make(chan []byte, 64)}
	h.mu.Lock()
	h.clients[stuck] = struct{}{}
	h.mu.Unlock()
	h.Reload()
	start := time.Now()
	if h.Delivered(50 * time.Millisecond) {
		t.Fatal("Delivered with a page that writes nothing: true")
	}
	if took := time.Since(start); took < 50*time.Millisecond || took > 5*time.Second {
		t.Errorf("Delivered(50ms) returned after %v", took)
	}
	a.expect("reload")
	h.drop(stuck) // it goes away: its queued event counts as gone with it
	if !h.Delivered(0) {
		t.Error("Delivered after the stuck page went away: false")
	}
}
