package site

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/gittest"
	"github.com/modc-dev/modc/internal/nodetest"
	"github.com/modc-dev/modc/internal/npmtest"
)

// watchedBuild is a Watch on a workspace until the test ends.
type watchedBuild struct {
	t      *testing.T
	log    *syncBuffer
	builds chan *compiler.Result
}

func watchBuild(t *testing.T, dir string) *watchedBuild {
	t.Helper()
	wb := &watchedBuild{t: t, log: &syncBuffer{}, builds: make(chan *compiler.Result, 100)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, WatchOptions{
			Compiler: compiler.Options{Root: dir, CacheDir: "-"},
			Log:      wb.log,
			OnBuild:  func(r *compiler.Result, _ []string) { wb.builds <- r },
		})
	}()
	t.Cleanup(func() {
		cancel()
		awaitReturn(t, "Watch", done)
	})
	return wb
}

// next waits for the next build.
func (wb *watchedBuild) next() *compiler.Result {
	wb.t.Helper()
	select {
	case r := <-wb.builds:
		return r
	case <-time.After(2 * wait):
		wb.t.Fatalf("no build within %v; log:\n%s", 2*wait, wb.log)
	}
	return nil
}

// frontend is a frontend project that depends on a package's stable npm
// folder with a "file:" dependency, as `npm install ../ws/out/npm/format/current`
// writes it.
func frontend(t *testing.T, ws string) string {
	t.Helper()
	npmBin, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("npm is not installed; on CI, .ci/run installs it")
		}
		t.Skip("npm is not installed (apt-get install npm)")
	}
	app := filepath.Join(t.TempDir(), "app")
	writeFile(t, app, "package.json", `{"name": "app", "private": true, "type": "module"}`+"\n")
	writeFile(t, app, "main.js", `import { createInstance } from "format";
const dates = createInstance("dates");
console.log(dates.formatDDMMYYYY("2024-03-09T12:00:00Z"));
`)
	rel, err := filepath.Rel(app, filepath.Join(ws, "out", "npm", "format", "current"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(npmBin, "install", "--offline", "--no-audit", "--no-fund", filepath.ToSlash(rel))
	cmd.Dir = app
	cmd.Env = append(os.Environ(), "npm_config_cache="+filepath.Join(t.TempDir(), "npm-cache"), "npm_config_update_notifier=false")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm install %s: %v\n%s", rel, err, out)
	}
	if pj := readFile(t, app, "package.json"); !strings.Contains(strings.ReplaceAll(pj, " ", ""), `"format":"file:`+filepath.ToSlash(rel)+`"`) {
		t.Fatalf("npm did not record the file: dependency:\n%s", pj)
	}
	return app
}

// bundleAndRun bundles the frontend with esbuild (a stand-in for Vite: it
// resolves the package through node_modules the same way) and runs the
// bundle in node.
func bundleAndRun(t *testing.T, app string) string {
	t.Helper()
	res := api.Build(api.BuildOptions{
		EntryPoints:   []string{filepath.Join(app, "main.js")},
		AbsWorkingDir: app,
		Bundle:        true,
		Format:        api.FormatESModule,
		Platform:      api.PlatformBrowser,
		Outfile:       filepath.Join(app, "dist", "main.mjs"),
		Write:         true,
		LogLevel:      api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		t.Fatalf("esbuild: %s", strings.Join(msgs, "\n"))
	}
	return strings.TrimSpace(nodetest.Run(t, app, nil, filepath.Join("dist", "main.mjs")))
}

// TestWatchKeepsTheStablePathCurrent is a frontend developer's loop: a
// frontend depends on out/npm/format/current with a file: dependency, and
// `modc build --watch` (Watch) keeps it current. An edit of a module
// shows in the frontend once it is bundled again; a broken edit keeps the
// previous output; the fix comes through.
func TestWatchKeepsTheStablePathCurrent(t *testing.T) {
	nodetest.SkipIfMissing(t)
	gittest.Isolate(t)
	dir := copyExample(t)
	gittest.Run(t, dir, "init", "-q")
	gittest.Run(t, dir, "add", ".")
	gittest.Run(t, dir, "commit", "-q", "-m", "init")

	wb := watchBuild(t, dir)
	first := wb.next()
	if first.Failed() {
		t.Fatalf("first build: %s", first.Messages)
	}
	app := frontend(t, dir)
	if got := bundleAndRun(t, app); got != "09/03/2024" {
		t.Fatalf("the frontend printed %q, want 09/03/2024", got)
	}

	main := readFile(t, dir, "modules/format/dates/main.js")
	writeFile(t, dir, "modules/format/dates/main.js", replace(t, main, `separator: "/"`, `separator: "."`))
	examples := readFile(t, dir, "modules/format/dates/examples.json")
	writeFile(t, dir, "modules/format/dates/examples.json", strings.ReplaceAll(examples, `/`, `.`))
	for r := wb.next(); r.Failed(); r = wb.next() {
		t.Logf("build before the examples were saved: %s", r.Messages) // the two saves may come as two batches
	}
	if got := bundleAndRun(t, app); got != "09.03.2024" {
		t.Fatalf("after the edit, the frontend printed %q, want 09.03.2024; log:\n%s", got, wb.log)
	}

	// A broken module: the output stays as it was, and the frontend too.
	writeFile(t, dir, "modules/format/dates/main.js", replace(t, main, `separator: "/"`, `separator: nope`))
	if r := wb.next(); !r.Failed() {
		t.Fatal("a module using an unknown identifier built")
	}
	if !strings.Contains(wb.log.String(), "keeps the last good build") {
		t.Errorf("the log does not say the output was kept:\n%s", wb.log)
	}
	if got := bundleAndRun(t, app); got != "09.03.2024" {
		t.Fatalf("after a failed build, the frontend printed %q, want 09.03.2024", got)
	}
	writeFile(t, dir, "modules/format/dates/main.js", replace(t, main, `separator: "/"`, `separator: "-"`))
	writeFile(t, dir, "modules/format/dates/examples.json", strings.ReplaceAll(examples, `/`, `-`))
	for r := wb.next(); r.Failed(); r = wb.next() {
	}
	if got := bundleAndRun(t, app); got != "09-03-2024" {
		t.Fatalf("after the fix, the frontend printed %q, want 09-03-2024", got)
	}
	if n := strings.Count(wb.log.String(), "Rebuilt in "); n < 2 {
		t.Errorf("the log has %d rebuild lines:\n%s", n, wb.log)
	}
}

// TestWatchViteBuild is TestWatchKeepsTheStablePathCurrent with Vite: a
// Vite project depends on out/npm/format/current with a file:
// dependency; `vite build` bundles it, Chromium runs the result, and after
// an edit that Watch rebuilds, `vite build` again shows the new code. Then
// a page of `vite` (its dev server) shows the next edit once Watch has
// built it, reloaded by Vite itself.
// Vite is installed from the npm registry into the test cache (at the
// version examples/vite-react uses); without the registry the test is
// skipped, except on CI.
func TestWatchViteBuild(t *testing.T) {
	nodetest.SkipIfMissing(t)
	data, err := os.ReadFile("../examples/vite-react/package.json")
	if err != nil {
		t.Fatal(err)
	}
	var example struct {
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if err := json.Unmarshal(data, &example); err != nil || example.DevDependencies["vite"] == "" {
		t.Fatalf("examples/vite-react/package.json names no vite version: %v", err)
	}
	manifest, _ := json.MarshalIndent(map[string]any{"private": true, "devDependencies": map[string]string{"vite": example.DevDependencies["vite"]}}, "", "  ")
	vite := filepath.Join(npmtest.Install(t, "vite", manifest, "node_modules/vite/bin/vite.js"), "node_modules", "vite", "bin", "vite.js")

	dir := copyExample(t)
	wb := watchBuild(t, dir)
	if r := wb.next(); r.Failed() {
		t.Fatalf("first build: %s", r.Messages)
	}
	app := frontend(t, dir)
	writeFile(t, app, "index.html", `<!doctype html><html><body><p id="out"></p><script type="module" src="/main.js"></script></body></html>`)
	writeFile(t, app, "main.js", `import { createInstance } from "format";
document.getElementById("out").textContent = createInstance("dates").formatDDMMYYYY("2024-03-09T12:00:00Z");
`)
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(app, "dist"))))
	t.Cleanup(srv.Close)
	ctx := browsertest.New(t, nil)
	shows := func(want string) {
		t.Helper()
		npmtest.Command(t, app, nodetest.Path(t), vite, "build", "--logLevel", "warn")
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Poll[string](`document.getElementById("out").textContent`))
		if err != nil || got != want {
			t.Fatalf("the Vite build shows %q (%v), want %q", got, err, want)
		}
	}
	shows("09/03/2024")

	main := readFile(t, dir, "modules/format/dates/main.js")
	writeFile(t, dir, "modules/format/dates/main.js", replace(t, main, `separator: "/"`, `separator: "."`))
	examples := readFile(t, dir, "modules/format/dates/examples.json")
	writeFile(t, dir, "modules/format/dates/examples.json", strings.ReplaceAll(examples, `/`, `.`))
	for r := wb.next(); r.Failed(); r = wb.next() {
	}
	shows("09.03.2024")

	// Vite's dev server: it sees each build (the whole out/ is swapped in)
	// and reloads the page by itself.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	dev := exec.Command(nodetest.Path(t), vite, "--host", "127.0.0.1", "--port", port, "--strictPort")
	dev.Dir, dev.Env = app, npmtest.Env(t)
	devLog := &syncBuffer{}
	dev.Stdout, dev.Stderr = devLog, devLog
	dev.WaitDelay = 5 * time.Second // vite's esbuild child may outlive it with the output open
	if err := dev.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		dev.Process.Kill()
		dev.Wait()
	})
	devURL := "http://127.0.0.1:" + port + "/"
	for deadline := time.Now().Add(wait); ; time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(devURL); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("vite did not start:\n%s", devLog)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(devURL)); err != nil {
		t.Fatal(err)
	}
	devShows := func(want string) {
		t.Helper()
		var got string
		var err error
		for deadline := time.Now().Add(wait); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			// Vite reloads the page: an evaluation may meet a navigation.
			if got, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("out")?.textContent ?? ""`)); err == nil && got == want {
				return
			}
		}
		t.Fatalf("vite's dev server shows %q (%v), want %q; vite says:\n%s", got, err, want, devLog)
	}
	devShows("09.03.2024")
	writeFile(t, dir, "modules/format/dates/main.js", replace(t, main, `separator: "/"`, `separator: "-"`))
	writeFile(t, dir, "modules/format/dates/examples.json", strings.ReplaceAll(examples, `/`, `-`))
	for r := wb.next(); r.Failed(); r = wb.next() {
	}
	devShows("09-03-2024")
}
