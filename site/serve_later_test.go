package site

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/site/livereload"
)

// TestDevserverEditServesColdBuild edits modules with the real watcher and
// builder, which renders the package's other pages (whose templates may
// show the bundle's integrity hash, as the package page's embed snippet
// does) after telling pages to reload: the pages asked for right after the
// reload event, and then every file, are a cold build's.
func TestDevserverEditServesColdBuild(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Options{Packages: 2, Modules: 3, Bindings: 5}); err != nil {
		t.Fatal(err)
	}
	d := serveDev(t, dir, false)
	if rb := d.rebuild(); rb.Messages.HasErrors() {
		t.Fatalf("first build: %s", rb.Messages)
	}
	client := connect(t, d.url)
	pkg := gen.PackageName(1)
	for n, mod := range []int{0, 2, 1} {
		rel := fmt.Sprintf("modules/%s/%s/main.js", pkg, gen.ModuleName(mod))
		text := readFile(t, dir, rel)
		edited := strings.Replace(text, "return a + b;", fmt.Sprintf("return a + b + 0 * %d;", n+1), 1)
		if edited == text {
			t.Fatalf("the generated main.js changed: the edit of %s does not apply", rel)
		}
		writeFile(t, dir, rel, edited)
		for ev := client.next(t); ev.name != "reload"; ev = client.next(t) {
			if ev.name == "build-error" {
				t.Fatalf("edit %d broke the build; log:\n%s", n, d.log)
			}
		}
		cold, err := NewDevBuilder(compiler.Options{Root: dir, NoMinify: true, CacheDir: "-"}).Build(context.Background(), nil)
		if err != nil || cold.Messages.HasErrors() {
			t.Fatalf("cold build: %v %s", err, cold.Messages)
		}
		// The pages a browser on the package asks for right after the event.
		pages := []string{"packages/" + pkg + "/index.html"}
		for m := range 3 {
			pages = append(pages, "packages/"+pkg+"/"+gen.ModuleName(m)+"/index.html")
		}
		for _, p := range pages {
			status, got := d.get("/" + strings.TrimSuffix(p, "index.html"))
			got = bytes.Replace(got, []byte(livereload.Tag), nil, 1)
			if want := cold.Files[p]; status != http.StatusOK || !bytes.Equal(got, want) {
				t.Errorf("edit %d: %s: status %d, %d bytes; a cold build has %d bytes", n, p, status, len(got), len(want))
			}
			if p == pages[0] && !bytes.Contains(got, []byte("sha384-")) {
				t.Errorf("edit %d: %s shows no integrity hash", n, p)
			}
		}
		if rb := d.rebuild(); rb.Later <= 0 {
			t.Errorf("edit %d: no page was put off until after the reload (the test then shows nothing)", n)
		}
		for p, want := range cold.Files {
			status, got := d.get("/" + p)
			if strings.HasSuffix(p, ".html") {
				got = bytes.Replace(got, []byte(livereload.Tag), nil, 1)
			}
			if status != http.StatusOK || !bytes.Equal(got, want) {
				t.Errorf("edit %d: %s: status %d, %d bytes; a cold build has %d bytes", n, p, status, len(got), len(want))
			}
		}
	}
}
