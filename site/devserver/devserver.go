// Package devserver serves a workspace's output from memory while it is
// being edited: it builds, serves the latest good output, rebuilds on every
// batch of changes from a watcher, swaps the new output in whole, and then
// tells open pages what to do over live reload (package livereload):
// reload, swap a changed stylesheet, or show the errors of a failed build
// in an overlay, while the last good output stays served.
//
// It listens on 127.0.0.1 by default and answers only requests whose Host
// is a loopback name or the bound address with the port (against DNS
// rebinding), and only paths inside the output.
package devserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/site/livereload"
	"github.com/modc-dev/modc/site/watch"
)

// DefaultPort is the port modc devserver listens on unless told otherwise.
const DefaultPort = 1313

// Builder builds the workspace; it is the seam for the incremental
// compiler.
type Builder interface {
	// Build rebuilds after changes. changed holds workspace-relative slash
	// paths of the files that changed (nil: anything may have changed, as
	// for the first build). Messages with errors mean the build failed; an
	// error means it could not run at all. Either way the devserver keeps
	// serving the previous output.
	Build(ctx context.Context, changed []string) (*Output, error)
}

// BuilderFunc adapts a function to Builder.
type BuilderFunc func(ctx context.Context, changed []string) (*Output, error)

// Build calls f.
func (f BuilderFunc) Build(ctx context.Context, changed []string) (*Output, error) {
	return f(ctx, changed)
}

// Output is what a build produced.
type Output struct {
	// Files is the whole output, by slash path relative to the site root
	// ("index.html", "dist/auth/1.2.0/auth.js"). The devserver does not
	// modify it; a builder may reuse a previous Output's byte slices for
	// unchanged files (which makes comparing outputs cheaper).
	Files map[string][]byte
	// Messages are the build's errors and warnings. With an error, Files is
	// ignored and the last good output stays served, unless
	// ServeWithErrors.
	Messages diag.List
	// ServeWithErrors serves Files although Messages has errors: errors
	// that do not block, such as failing examples. Pages show them in a
	// panel that leaves the page usable.
	ServeWithErrors bool
	// Later, when set, makes the files Files leaves out that are listed in
	// Pending, once pages have been told to reload: a builder puts off what
	// the page being edited does not need. Requests for them wait for it.
	// Its messages with errors are shown as a failed build's.
	Later   func() (map[string][]byte, diag.List)
	Pending []string
}

// Watcher delivers batches of changes (package watch's Watcher is one).
type Watcher interface {
	Events() <-chan watch.Batch
}

// Options configures Serve.
type Options struct {
	// Bind is the address to listen on (default "127.0.0.1").
	Bind string
	// Port is the port to listen on; 0 picks a free one (the CLI passes
	// DefaultPort unless told otherwise).
	Port int
	// Builder builds the output (required).
	Builder Builder
	// Watcher, when set, triggers rebuilds; without it the output is built
	// once. Serve does not close it.
	Watcher Watcher
	// Log gets what the terminal shows: the address, each rebuild, and the
	// errors of failed builds with code frames (default: discarded).
	Log io.Writer
	// Color adds ANSI colours to Log.
	Color bool
	// Handlers answer the request paths under their prefix (such as
	// "/__modc/mock/") instead of the output; the Host and path checks
	// apply to them too.
	Handlers map[string]http.Handler
	// CORSOrigins are the origins (such as "http://localhost:5173", or
	// "*" for any) whose pages may read what the devserver serves: a
	// request from one gets Access-Control-Allow-Origin, and a preflight
	// an answer. Other origins get neither (see CheckOrigins).
	CORSOrigins []string
	// Ready is called once the first build is done and requests are
	// served, with the site's URL ("http://127.0.0.1:1313/").
	Ready func(url string)
	// OnRebuild is called after each build, the first included, once pages
	// have been told; it runs on the rebuild loop, so it should be quick.
	OnRebuild func(Rebuild)
	// Publish, when set, gets the whole output after each build without
	// errors that changed it (the first included), once pages have been
	// told, to write it to disk; its error is logged.
	Publish func(files map[string][]byte) error
}

// What pages were told after a build (Rebuild.Event).
const (
	EventReload = "reload"      // pages reload
	EventCSS    = "css"         // pages swap stylesheets
	EventError  = "build-error" // pages show the errors
	EventNone   = "none"        // the output did not change
)

// Rebuild describes one build, for logs and benchmarks.
type Rebuild struct {
	// Changed are the paths given to the builder (nil: everything).
	Changed []string
	// Start is when the watcher saw the batch's first change (zero for the
	// first build), Received when the devserver got the batch.
	Start, Received time.Time
	// Build is how long Builder.Build took; Later how long Output.Later
	// took, after pages were told.
	Build, Later time.Duration
	// Notified is when the new output was in place and pages were being
	// told (just before the event went out); Event says what.
	Notified time.Time
	Event    string
	// Files lists the output paths whose content changed, appeared or
	// disappeared.
	Files []string
	// Messages are the build's messages (or the builder's error).
	Messages diag.List
}

// Latency is the time from the first change seen (or the batch received) to
// the pages being told.
func (r Rebuild) Latency() time.Duration {
	if r.Start.IsZero() {
		return r.Notified.Sub(r.Received)
	}
	return r.Notified.Sub(r.Start)
}

// snapshot is one good output, swapped in whole.
type snapshot struct {
	files map[string][]byte
	// pending are the paths Output.Later makes; done is closed once the
	// snapshot holding them is current.
	pending map[string]bool
	done    chan struct{}
}

// server is one Serve call.
type server struct {
	opts    Options
	log     io.Writer
	hub     *livereload.Hub
	port    string
	bindIP  net.IP // nil for a host name
	anyIP   bool   // bound to 0.0.0.0 or ::
	current atomic.Pointer[snapshot]
	failed  bool // the last build failed: the last good output is served
	shown   bool // the last build was served with errors, which pages show
}

// Serve builds, serves the output on opts.Bind:opts.Port until ctx is
// cancelled, and rebuilds on every batch from opts.Watcher. A cancelled ctx
// shuts the server down gracefully and is not an error; a port already in
// use is.
func Serve(ctx context.Context, opts Options) error {
	if opts.Builder == nil {
		return errors.New("devserver: no Builder")
	}
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	s := &server{opts: opts, log: opts.Log, hub: livereload.New()}
	if s.log == nil {
		s.log = io.Discard
	}
	addr := net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port))
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) || strings.Contains(err.Error(), "address already in use") {
			return fmt.Errorf("%s is already in use; pass --port", addr)
		}
		return fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	defer ln.Close()
	_, s.port, _ = net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(opts.Bind); ip != nil {
		s.bindIP, s.anyIP = ip, ip.IsUnspecified()
	}

	s.rebuild(ctx, watch.Batch{All: true}, true)
	if ctx.Err() != nil {
		return nil
	}

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	srv.RegisterOnShutdown(s.hub.Close)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	host := opts.Bind
	if s.anyIP {
		host = "127.0.0.1"
	}
	url := "http://" + net.JoinHostPort(host, s.port) + "/"
	fmt.Fprintf(s.log, "Serving %s (Ctrl-C to stop)\n", url)
	if opts.Ready != nil {
		opts.Ready(url)
	}

	var events <-chan watch.Batch
	if opts.Watcher != nil {
		events = opts.Watcher.Events()
	}
	var watchErrs <-chan error
	if w, ok := opts.Watcher.(interface{ Errors() <-chan error }); ok {
		watchErrs = w.Errors()
	}
	for {
		select {
		case <-ctx.Done():
			s.hub.Close()
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := srv.Shutdown(shutdown); err != nil {
				srv.Close()
			}
			return nil
		case err := <-served:
			s.hub.Close()
			return fmt.Errorf("devserver: %w", err)
		case err, ok := <-watchErrs:
			if !ok {
				watchErrs = nil
				continue
			}
			fmt.Fprintf(s.log, "watching: %v\n", err)
		case b, ok := <-events:
			if !ok {
				events = nil // the watcher was closed: keep serving
				continue
			}
			s.rebuild(ctx, b, false)
		}
	}
}

// rebuild runs the builder on a batch, swaps a good output in and tells the
// pages.
func (s *server) rebuild(ctx context.Context, b watch.Batch, first bool) {
	r := Rebuild{Start: b.Start, Received: time.Now()}
	if !b.All {
		r.Changed = b.Paths
	}
	out, err := s.opts.Builder.Build(ctx, r.Changed)
	r.Build = time.Since(r.Received)
	if ctx.Err() != nil {
		return
	}
	switch {
	case err != nil:
		r.Messages = diag.List{diag.Errorf("devserver-build-failed", diag.Location{}, "the build could not run: %v", err)}
	case out == nil:
		r.Messages = diag.List{diag.Errorf("internal-error", diag.Location{}, "the build returned no output")}
	default:
		r.Messages = out.Messages
	}

	if r.Messages.HasErrors() && (out == nil || !out.ServeWithErrors) {
		s.failed, s.shown = true, false
		r.Event, r.Notified = EventError, time.Now()
		s.hub.Error(r.Messages.Errors())
		s.report(r, first)
		return
	}

	var old map[string][]byte
	if cur := s.current.Load(); cur != nil {
		old = cur.files
	}
	r.Files = diff(old, out.Files)
	snap := &snapshot{files: out.Files}
	if out.Later != nil {
		snap.done = make(chan struct{})
		snap.pending = make(map[string]bool, len(out.Pending))
		for _, p := range out.Pending {
			snap.pending[p] = true
		}
	}
	s.current.Store(snap)
	r.Notified = time.Now()
	// Errors that did not block the build (failing examples) are shown
	// once the new output is served, before pages reload; pages that
	// connect later get them too.
	if errs := r.Messages.Errors(); len(errs) > 0 {
		s.hub.ErrorServed(errs)
		s.shown = true
	} else if s.shown && !s.failed {
		s.hub.OK()
		s.shown = false
	}
	switch {
	case first:
		r.Event = EventNone // no page is open yet, or it reconnects and reloads
	case s.failed:
		if !s.shown {
			s.hub.OK()
		}
		s.hub.Reload()
		r.Event = EventReload
	case len(r.Files) == 0:
		r.Event = EventNone
	case cssOnly(old, out.Files, r.Files):
		s.hub.CSS(urlPaths(r.Files))
		r.Event = EventCSS
	default:
		s.hub.Reload(urlPaths(r.Files)...)
		r.Event = EventReload
	}
	s.failed = false
	s.shown = len(r.Messages.Errors()) > 0
	if out.Later != nil {
		// Later keeps both cores busy: let the event reach the pages first.
		s.hub.Delivered(deliverWait)
		start := time.Now()
		msgs := s.finish(snap, old, out.Later)
		r.Later = time.Since(start)
		if msgs.HasErrors() {
			s.failed = true
			s.hub.Error(msgs.Errors())
			r.Event = EventError
		}
		r.Messages.Add(msgs...)
	}
	if s.opts.Publish != nil && !r.Messages.HasErrors() && (first || len(r.Files) > 0) {
		if err := s.opts.Publish(s.current.Load().files); err != nil {
			fmt.Fprintf(s.log, "cannot write the output: %v\n", err)
		}
	}
	s.report(r, first)
}

// deliverWait is how long the files a build put off wait for the reload
// event to be written to the pages' streams (a page that reads nothing
// must not hold them up for long).
const deliverWait = 50 * time.Millisecond

// finish makes the files a build put off, once pages have been told, and
// swaps in the output holding them. A file put off that later does not
// make (its template failed) keeps its bytes of old, the output before the
// build, as the last good output is kept when a build fails.
func (s *server) finish(snap *snapshot, old map[string][]byte, later func() (map[string][]byte, diag.List)) diag.List {
	defer close(snap.done)
	files, msgs := later()
	all := make(map[string][]byte, len(snap.files)+len(files))
	maps.Copy(all, snap.files)
	maps.Copy(all, files)
	for p := range snap.pending {
		if _, made := all[p]; !made {
			if data, ok := old[p]; ok {
				all[p] = data
			}
		}
	}
	s.current.Store(&snapshot{files: all})
	return msgs
}

// report prints a build to the log and passes it to OnRebuild.
func (s *server) report(r Rebuild, first bool) {
	fo := diag.FormatOptions{CodeFrame: true, Color: s.opts.Color}
	for _, m := range r.Messages {
		if m.Location.File == "" {
			fmt.Fprintf(s.log, "%s: %s\n", m.Severity, diag.EscapeText(m.Text))
			continue
		}
		fmt.Fprint(s.log, diag.Format(m, fo))
	}
	took := millis(r.Build)
	switch {
	case r.Event == EventError:
		errs := plural(len(r.Messages.Errors()), "error")
		if s.current.Load() == nil {
			fmt.Fprintf(s.log, "Build failed with %s in %s; nothing to serve until it is fixed\n", errs, took)
		} else {
			fmt.Fprintf(s.log, "Build failed with %s in %s; still serving the last good build\n", errs, took)
		}
	case first:
		fmt.Fprintf(s.log, "Built %s in %s%s\n", plural(len(r.Files), "file"), took, servedErrors(r.Messages))
	default:
		what := map[string]string{EventReload: "reloading pages", EventCSS: "swapping stylesheets", EventNone: "nothing to reload"}[r.Event]
		if r.Later > 0 {
			took += " (+" + millis(r.Later) + " after telling pages)"
		}
		fmt.Fprintf(s.log, "Rebuilt in %s: %s changed, %s%s\n", took, plural(len(r.Files), "output file"), what, servedErrors(r.Messages))
	}
	if s.opts.OnRebuild != nil {
		s.opts.OnRebuild(r)
	}
}

// urlPaths returns the URL paths of output files.
func urlPaths(files []string) []string {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = "/" + f
	}
	return paths
}

// servedErrors says, for a build served with errors (failing examples),
// that it was.
func servedErrors(msgs diag.List) string {
	n := len(msgs.Errors())
	if n == 0 {
		return ""
	}
	return "; served with " + plural(n, "error")
}

// diff returns the sorted paths whose content differs between two outputs.
func diff(old, cur map[string][]byte) []string {
	var out []string
	for p, b := range cur {
		a, ok := old[p]
		if !ok || !same(a, b) {
			out = append(out, p)
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// same reports whether two contents are equal, without reading them when
// they are the same slice.
func same(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return string(a) == string(b)
}

// cssOnly reports whether every changed output is a stylesheet, or an
// app's manifest.json that differs only by the hashes it lists of those
// stylesheets (its "files"): pages swap the stylesheets and need nothing
// else.
func cssOnly(old, cur map[string][]byte, files []string) bool {
	css := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, ".css") {
			css[f] = true
		}
	}
	if len(css) == 0 {
		return false
	}
	for _, f := range files {
		if !css[f] && !(path.Base(f) == "manifest.json" && onlyCSSHashes(old[f], cur[f], path.Dir(f), css)) {
			return false
		}
	}
	return true
}

// onlyCSSHashes reports whether two manifests in dir are the same but for
// the entries of their "files" (name → hash) that name stylesheets of css.
func onlyCSSHashes(a, b []byte, dir string, css map[string]bool) bool {
	strip := func(data []byte) (string, bool) {
		var m map[string]json.RawMessage
		if len(data) == 0 || json.Unmarshal(data, &m) != nil {
			return "", false
		}
		var files map[string]string
		if raw, ok := m["files"]; ok {
			if json.Unmarshal(raw, &files) != nil {
				return "", false
			}
		}
		for name := range files {
			if css[path.Join(dir, name)] {
				delete(files, name)
			}
		}
		m["files"], _ = json.Marshal(files)
		out, err := json.Marshal(m) // sorted keys
		return string(out), err == nil
	}
	x, okA := strip(a)
	y, okB := strip(b)
	return okA && okB && x == y
}

// millis formats a duration in milliseconds, with a decimal under 10 ms.
func millis(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	if ms < 10 {
		return strconv.FormatFloat(ms, 'f', 1, 64) + " ms"
	}
	return strconv.FormatFloat(ms, 'f', 0, 64) + " ms"
}

// plural formats a count of things.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
