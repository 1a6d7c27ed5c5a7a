package app

import (
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/compiler/internal/bundle"
	"github.com/modc-dev/modc/internal/webtest"
)

// benchApp generates a workspace whose app has 1,000 bindings.
func benchApp(b *testing.B, opts gen.Options) string {
	b.Helper()
	dir := b.TempDir()
	if err := gen.Write(dir, opts); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkCheck compiles an app with 1,000 bindings over 1,000 module
// instances (SPEC 11's generated workspace): parsing, resolving, ordering.
func BenchmarkCheck(b *testing.B) {
	dir := benchApp(b, gen.Options{Packages: 50, Modules: 20, Bindings: 1000})
	ws, mains := analyze(b, os.DirFS(dir))
	b.ResetTimer()
	for b.Loop() {
		stats, msgs := Check(ws, mains, Options{})
		if msgs.HasErrors() || len(stats) != 1 {
			b.Fatalf("%d apps:\n%s", len(stats), msgs)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/binding")
}

// BenchmarkBuild also bundles the app with esbuild (minified).
func BenchmarkBuild(b *testing.B) {
	dir := benchApp(b, gen.Options{Packages: 50, Modules: 20, Bindings: 1000})
	ws, mains := analyze(b, os.DirFS(dir))
	files := map[string][]byte{}
	for i := 0; i < 50; i++ {
		p := gen.PackageName(i)
		files[DistModule(p, "0.0.0-dev")] = []byte("export const createInstance = () => ({});\n")
	}
	b.ResetTimer()
	for b.Loop() {
		out, msgs := Build(ws, mains, files, Options{Minify: true})
		if msgs.HasErrors() || len(out.Files) != 5 {
			b.Fatalf("%d files:\n%s", len(out.Files), msgs)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/binding")
}

const benchPage = `<!doctype html><title>bench</title><script type="module" src="/bench.js"></script>`

// benchJS mounts the app and measures, in the page, the first render
// (mountApp evaluates every binding and builds the first page) and the
// re-render after one instance changes: Button2 runs X2.load(2), and 50
// texts read X2; the time runs until the DOM of the first of them changed.
const benchJS = `import { mountApp } from "/apps/bench/app.js";
const m = await (await fetch("/apps/bench/manifest.json")).json();
window.bench = async () => {
  const el = document.createElement("div");
  document.body.replaceChildren(el);
  const t0 = performance.now();
  const app = mountApp(m, el, { mock: true });
  const first = performance.now() - t0;
  await app.ready;
  const text = el.querySelector("[data-widget=Text12] span");
  const changed = new Promise((r) => new MutationObserver(r).observe(text, { childList: true, characterData: true, subtree: true }));
  const t1 = performance.now();
  el.querySelector("[data-widget=Button2] button").click();
  await changed;
  const again = performance.now() - t1;
  app.unmount();
  return [first, again];
};
document.title = "ready";
`

// openBenchPage serves files with bench.html, a page that runs the module
// script js, opens it in Chromium, and waits until the script has set the
// page's title to "ready".
func openBenchPage(b *testing.B, files map[string][]byte, js string) *browser {
	b.Helper()
	files["bench.html"] = []byte(benchPage)
	files["bench.js"] = []byte(js)
	srv := webtest.Serve(b, files, webtest.Options{Header: strictCSP})
	br := newBrowser(b)
	if err := chromedp.Do(br.ctx, chromedp.Navigate(srv.URL+"/bench.html")); err != nil {
		b.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if title, _ := chromedp.Run(br.ctx, chromedp.Evaluate[string](`document.title`)); title == "ready" {
			return br
		}
		if time.Now().After(deadline) {
			b.Fatalf("the bench page did not load: %v", br.seen().problems)
		}
	}
}

// BenchmarkBrowser measures, in headless Chromium, the first render of an
// app with 1,000 bindings (750 data bindings, 250 handlers) and its
// re-render after one entity that 50 bindings read changes.
func BenchmarkBrowser(b *testing.B) {
	dir := benchApp(b, gen.Options{Packages: 1, Modules: 10, Bindings: 1000})
	ws, mains := analyze(b, os.DirFS(dir))
	files, msgs := bundle.Build(ws, mains, bundle.Options{Minify: true})
	if msgs.HasErrors() {
		b.Fatal(msgs)
	}
	out, msgs := Build(ws, mains, files, Options{Minify: true})
	if msgs.HasErrors() {
		b.Fatal(msgs)
	}
	for k, v := range out.Files {
		files[k] = v
	}
	br := openBenchPage(b, files, benchJS)
	var first, again float64
	b.ResetTimer()
	for b.Loop() {
		v, err := chromedp.Run(br.ctx, chromedp.Evaluate[[]float64](`window.bench()`, chromedp.EvalAwaitPromise))
		if err != nil || len(v) != 2 {
			b.Fatalf("bench: %v %v", v, err)
		}
		first += v[0]
		again += v[1]
	}
	b.ReportMetric(first/float64(b.N), "ms-first-render")
	b.ReportMetric(again/float64(b.N), "ms-rerender")
}
