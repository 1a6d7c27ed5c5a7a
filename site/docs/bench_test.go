package docs

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/site/output"
)

// hugoLayout is a Hugo theme doing what modc's default theme does for a
// content page: a layout with a sidebar listing every page by weight,
// the page's table of contents, prev/next links, highlighted code.
var hugoLayout = map[string]string{
	"config.toml": `baseURL = "/"
title = "Synthetic workspace"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.highlight]
  noClasses = false
[markup.goldmark.renderer]
  unsafe = false
`,
	"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="/assets/site.css"></head>
<body><header><a href="/">{{ .Site.Title }}</a><input type="search"></header>
<aside><nav><ul>{{ range .Site.RegularPages.ByWeight }}<li><a href="{{ .RelPermalink }}"{{ if eq .RelPermalink $.RelPermalink }} aria-current="page"{{ end }}>{{ .Title }}</a></li>{{ end }}</ul></nav></aside>
<main>{{ block "main" . }}{{ end }}</main>
<aside>{{ .TableOfContents }}</aside>
</body></html>
`,
	"layouts/_default/single.html": `{{ define "main" }}<article>{{ .Content }}</article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}
`,
}

// BenchmarkRender renders the docs site of a generated workspace of 1,000
// content pages and 1,000 modules (SPEC 11), and writes it to disk page by
// page as site.Build does; beside it, Hugo (Debian's hugo, when installed)
// renders the same 1,000 markdown pages with a comparable layout and writes
// them. Compare the ns/page
// metrics: the target is modc no slower than Hugo per page.
func BenchmarkRender(b *testing.B) {
	ws := b.TempDir()
	if err := gen.Write(ws, gen.Options{Packages: 50, Modules: 20, Pages: 1000}); err != nil {
		b.Fatal(err)
	}
	r := compiler.Check(compiler.Options{Root: ws})
	if r.Failed() {
		b.Fatal(r.Messages)
	}
	b.Run("modc", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "out")
		var pages atomic.Int64
		for b.Loop() {
			dir, err := output.Create(out)
			if err != nil {
				b.Fatal(err)
			}
			pages.Store(0)
			msgs, err := RenderTo(r, os.DirFS(ws), Options{}, func(p string, data []byte) error {
				if strings.HasSuffix(p, ".html") {
					pages.Add(1)
				}
				return dir.WriteFile(p, data)
			})
			if err != nil || msgs.HasErrors() {
				dir.Abort()
				b.Fatal(err, msgs)
			}
			if err := dir.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		n := pages.Load()
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(int64(b.N)*n), "ns/page")
		b.ReportMetric(float64(n), "pages")
	})
	b.Run("hugo", func(b *testing.B) {
		hugo, err := exec.LookPath("hugo")
		if err != nil {
			b.Skip("hugo is not installed (apt-get install hugo)")
		}
		site := b.TempDir()
		for name, text := range hugoLayout {
			write(b, filepath.Join(site, name), text)
		}
		pages, _ := filepath.Glob(filepath.Join(ws, "content", "pages", "*.md"))
		for _, p := range pages {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			write(b, filepath.Join(site, "content", "pages", filepath.Base(p)), string(data))
		}
		out := filepath.Join(b.TempDir(), "public")
		for b.Loop() {
			cmd := exec.Command(hugo, "--quiet", "--source", site, "--destination", out, "--cleanDestinationDir")
			if data, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("hugo: %v\n%s", err, data)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
		b.ReportMetric(float64(len(pages)), "pages")
	})
}

func write(b *testing.B, path, text string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
}
