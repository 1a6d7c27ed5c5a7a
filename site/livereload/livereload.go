// Package livereload tells the pages open in browsers what a rebuild did,
// over server-sent events. A Hub serves the event stream and the client
// script; Inject adds the script to an HTML page. The client reloads the
// page (or has its apps re-mount with the new code, keeping their store,
// when only their manifest and package modules changed), swaps changed
// stylesheets in place, or shows an overlay with every
// error of a failed build (and removes it once a build succeeds). Pages
// opened while the build is broken get the overlay too, and a page that
// reconnects to a restarted server reloads.
package livereload

import (
	"bytes"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
)

// The paths a Hub serves.
const (
	// EventsPath is the event stream (text/event-stream).
	EventsPath = "/__modc/livereload"
	// ScriptPath is the client script.
	ScriptPath = "/__modc/livereload.js"
)

// Tag is the script element Inject adds to pages.
const Tag = `<script src="` + ScriptPath + `"></script>`

//go:embed livereload.js
var script []byte

// Script returns the client script.
func Script() []byte { return bytes.Clone(script) }

// keepAlive is how often an idle stream gets a comment, so that proxies and
// browsers keep it open.
const keepAlive = 20 * time.Second

// retry is the reconnection delay the stream asks browsers to use.
const retry = 300 * time.Millisecond

// Hub fans events out to the connected pages. Create it with New; it is an
// http.Handler for EventsPath and ScriptPath.
type Hub struct {
	id      string
	mu      sync.Mutex
	clients map[*client]struct{}
	failed  []byte // the build-error event while the build is broken
	closed  bool
	done    chan struct{}
	// unsent counts the events queued for pages and not yet written to
	// their streams; quiet is closed when it drops to 0 (Delivered).
	unsent int
	quiet  chan struct{}
}

type client struct {
	ch chan []byte // encoded events
}

// New returns a Hub with a fresh instance id.
func New() *Hub {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return &Hub{id: hex.EncodeToString(b[:]), clients: map[*client]struct{}{}, done: make(chan struct{})}
}

// ID is the instance id sent to every page on connection; pages that see it
// change reload.
func (h *Hub) ID() string { return h.id }

// Clients returns the number of connected pages.
func (h *Hub) Clients() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Reload tells every page to reload. Send it once the new output is served.
// paths, when given, are the URL paths (each starting with "/") whose
// content changed: a page running apps updates them in place when it can
// (it re-mounts them with the new code, keeping their store) instead of
// reloading.
func (h *Hub) Reload(paths ...string) {
	h.broadcast(event("reload", struct {
		Paths []string `json:"paths,omitempty"`
	}{paths}))
}

// CSS tells every page to reload the stylesheets at these URL paths (each
// starting with "/") without reloading the page. Pages swap all their
// stylesheets when none of theirs is listed.
func (h *Hub) CSS(paths []string) {
	if paths == nil {
		paths = []string{}
	}
	h.broadcast(event("css", struct {
		Paths []string `json:"paths"`
	}{paths}))
}

// Error shows an overlay with msgs on every page, including pages that
// connect later, until OK.
func (h *Hub) Error(msgs diag.List) { h.errors(msgs, false) }

// ErrorServed shows msgs as Error does, for a build whose new output is
// served all the same (failing examples): a panel at the bottom of the
// page, which stays usable, says so.
func (h *Hub) ErrorServed(msgs diag.List) { h.errors(msgs, true) }

func (h *Hub) errors(msgs diag.List, served bool) {
	ev := event("build-error", struct {
		Errors []Message `json:"errors"`
		Served bool      `json:"served,omitempty"`
	}{Messages(msgs), served})
	h.mu.Lock()
	h.failed = ev
	h.mu.Unlock()
	h.broadcast(ev)
}

// OK removes the overlay from every page (after Error).
func (h *Hub) OK() {
	h.mu.Lock()
	h.failed = nil
	h.mu.Unlock()
	h.broadcast(event("ok", struct{}{}))
}

// Close ends every stream and refuses new ones. An http.Server's Shutdown
// waits for the streams to end, so call Close first (or register it with
// RegisterOnShutdown).
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// Message is an error as pages show it: plain text, never HTML.
type Message struct {
	Severity string `json:"severity"`
	// Location is "file:line:col".
	Location string `json:"location"`
	Text     string `json:"text"`
	// ID is the message's kind, such as "js-syntax".
	ID string `json:"id,omitempty"`
	// Frame is the code frame and the notes, as the terminal shows them.
	Frame string `json:"frame,omitempty"`
}

// Messages converts diagnostics for the overlay.
func Messages(msgs diag.List) []Message {
	out := make([]Message, 0, len(msgs))
	for _, m := range msgs {
		formatted := diag.Format(m, diag.FormatOptions{CodeFrame: true})
		_, frame, _ := strings.Cut(formatted, "\n")
		out = append(out, Message{
			Severity: string(m.Severity),
			Location: m.Location.String(),
			Text:     m.Text,
			ID:       m.ID,
			Frame:    strings.TrimRight(frame, "\n"),
		})
	}
	return out
}

// event encodes one server-sent event.
func event(name string, data any) []byte {
	j, _ := json.Marshal(data) // our own types, which always encode
	return fmt.Appendf(nil, "event: %s\ndata: %s\n\n", name, j)
}

func (h *Hub) broadcast(ev []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.ch <- ev:
			if h.unsent == 0 {
				h.quiet = make(chan struct{})
			}
			h.unsent++
		default: // a page that reads nothing for that long: drop it, it reconnects
			delete(h.clients, c)
			close(c.ch)
		}
	}
}

// drop unregisters the page c, whose stream ended, and counts the events
// left in its queue as gone with it.
func (h *Hub) drop(c *client) {
	h.mu.Lock()
	if _, ok := h.clients[c]; ok {
		delete(h.clients, c)
		close(c.ch)
	}
	h.mu.Unlock()
	n := 0
	for range c.ch { // closed above or by broadcast: what is left was never written
		n++
	}
	h.written(n)
}

// written counts n queued events as written (or dropped with their page).
func (h *Hub) written(n int) {
	if n == 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.unsent -= n
	if h.unsent == 0 {
		close(h.quiet)
	}
}

// Delivered waits until every event sent so far has been written to the
// streams of the pages it was sent to (or they went away), at most
// timeout, and reports whether they were. The devserver calls it before
// work that would compete with the streams for the CPU.
func (h *Hub) Delivered(timeout time.Duration) bool {
	h.mu.Lock()
	if h.unsent == 0 {
		h.mu.Unlock()
		return true
	}
	quiet := h.quiet
	h.mu.Unlock()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-quiet:
		return true
	case <-t.C:
		return false
	}
}

// ServeHTTP serves the event stream at EventsPath and the script at
// ScriptPath.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(script)
	case EventsPath:
		h.stream(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (h *Hub) stream(w http.ResponseWriter, r *http.Request) {
	c := &client{ch: make(chan []byte, 64)}
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "the server is shutting down", http.StatusServiceUnavailable)
		return
	}
	// Registered and told the state under one lock: no event falls between.
	h.clients[c] = struct{}{}
	first := fmt.Appendf(nil, "retry: %d\n\n", retry.Milliseconds())
	first = append(first, event("hello", struct {
		ID string `json:"id"`
	}{h.id})...)
	first = append(first, h.failed...)
	h.mu.Unlock()
	defer h.drop(c)

	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{})
	hdr := w.Header()
	hdr.Set("Content-Type", "text/event-stream")
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	send := func(b []byte) bool {
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send(first) {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case ev, ok := <-c.ch:
			if !ok {
				return
			}
			sent := send(ev)
			h.written(1)
			if !sent {
				return
			}
		case <-tick.C:
			if !send([]byte(": keep-alive\n\n")) {
				return
			}
		}
	}
}

// Inject returns page with the client script added before its last
// </body> (any case), or at the end when it has none.
func Inject(page []byte) []byte {
	at := lastIndexFold(page, []byte("</body"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(Tag))
	out = append(out, page[:at]...)
	out = append(out, Tag...)
	return append(out, page[at:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case; sep is lower case.
func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if s[i] != '<' {
			continue
		}
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}
