package npm_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/modc-dev/modc/compiler/internal/npm"
	"github.com/modc-dev/modc/compiler/internal/runtime"
	"github.com/modc-dev/modc/internal/nodetest"
)

// runtimeMark is a string of the runtime's code that survives minifying:
// a bundle holds it once per copy of the runtime.
const runtimeMark = "refused URL scheme"

// bundleApp bundles entry (relative to dir) for the browser with esbuild,
// minified, as a frontend's bundler would, and returns the code.
func bundleApp(t *testing.T, dir, entry string) []byte {
	t.Helper()
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{entry},
		AbsWorkingDir:     dir,
		Bundle:            true,
		Write:             false,
		Format:            api.FormatESModule,
		Platform:          api.PlatformBrowser,
		Target:            api.ES2022,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Outfile:           filepath.Join(dir, "dist", strings.TrimSuffix(entry, ".mjs")+".js"),
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		t.Fatalf("esbuild %s: %s", entry, res.Errors[0].Text)
	}
	return res.OutputFiles[0].Contents
}

func gzipSize(t *testing.T, data []byte) int {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

// TestOneRuntime installs three packages' npm folders into a frontend
// project with `npm install --offline` of their paths (as links, npm's
// default, and as copies with the runtime's folder), bundles the project
// with esbuild and runs the bundle in node: the runtime is in it once, and
// the packages share it (the token one stores is in the store another's
// query reads). The same app bundled from the self-contained ES modules of
// dist/ carries three runtimes; the test logs both sizes. The classic
// script still runs alone.
func TestOneRuntime(t *testing.T) {
	nodetest.SkipIfMissing(t)
	npmBin := npmPath(t)
	r := build(t, repoFS(t, nil))
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	writeDir(t, r.Files, "npm/", filepath.Join(out, "npm"))
	writeDir(t, r.Files, "dist/", filepath.Join(out, "dist"))
	pkgs := []string{"auth", "users", "format"}
	app, err := os.ReadFile("testdata/shared/app.mjs")
	if err != nil {
		t.Fatal(err)
	}
	entry := func(dir, name string, spec func(pkg string) string) {
		t.Helper()
		s := string(app)
		for _, p := range pkgs {
			s = strings.Replace(s, `"`+strings.ToUpper(p)+`"`, `"`+spec(p)+`"`, 1)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	project := func(name string, args ...string) string {
		t.Helper()
		dir := filepath.Join(tmp, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name": "`+name+`", "private": true}`), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, p := range pkgs {
			args = append(args, filepath.Join(out, filepath.FromSlash(npm.Dir(p, version(t, r, p)))))
		}
		command(t, dir, npmBin, append([]string{"install", "--offline", "--no-audit", "--no-fund"}, args...)...)
		entry(dir, "app.mjs", func(p string) string { return p })
		return dir
	}
	check := func(what, got string) {
		t.Helper()
		var res struct {
			Token, Date string
			Shared      bool
		}
		if err := json.Unmarshal([]byte(got), &res); err != nil {
			t.Fatalf("%s: %v: %s", what, err, got)
		}
		if res.Token != mockToken(t) || res.Date != "09/03/2024" || !res.Shared {
			t.Errorf("%s: %s", what, got)
		}
	}
	run := func(dir string, code []byte) string {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "bundle.mjs"), code, 0o644); err != nil {
			t.Fatal(err)
		}
		return nodetest.Run(t, dir, nil, "bundle.mjs")
	}

	// Installed as links: the packages find the runtime in out/npm/node_modules.
	linked := project("linked")
	check("node, unbundled", nodetest.Run(t, linked, nil, "app.mjs"))
	after := bundleApp(t, linked, "app.mjs")
	if n := bytes.Count(after, []byte(runtimeMark)); n != 1 {
		t.Errorf("the bundle of three linked packages has %d runtimes, want 1", n)
	}
	check("bundle of linked packages", run(linked, after))

	// Installed as copies: the runtime's folder is installed with them.
	copied := project("copied", "--install-links", filepath.Join(out, filepath.FromSlash(npm.RuntimeDir(runtime.Version()))))
	if _, err := os.Stat(filepath.Join(copied, "node_modules", npm.RuntimePackage, "runtime.mjs")); err != nil {
		t.Errorf("the runtime was not installed: %v", err)
	}
	copiedCode := bundleApp(t, copied, "app.mjs")
	if n := bytes.Count(copiedCode, []byte(runtimeMark)); n != 1 {
		t.Errorf("the bundle of three copied packages has %d runtimes, want 1", n)
	}
	check("bundle of copied packages", run(copied, copiedCode))
	// CommonJS: both packages require the one runtime.
	resolved := nodetest.Run(t, copied, nil, "-e", `const p = require("path");
for (const n of ["auth", "users"]) console.log(require.resolve("modc-runtime", { paths: [p.dirname(require.resolve(n))] }));
console.log(require("auth").createInstance("manage_tokens").getTokenExpiry("x.eyJleHAiOjF9.y"));`)
	if lines := strings.Split(strings.TrimSpace(resolved), "\n"); len(lines) != 3 || lines[0] != lines[1] || lines[2] != "1" {
		t.Errorf("CommonJS:\n%s", resolved)
	}

	// The same app from dist/'s ES modules: a runtime in each.
	distModule := func(p string) string {
		v := version(t, r, p)
		return filepath.ToSlash(filepath.Join(out, "dist", p, v, p+".mjs"))
	}
	entry(linked, "before.mjs", distModule)
	before := bundleApp(t, linked, "before.mjs")
	if n := bytes.Count(before, []byte(runtimeMark)); n != 3 {
		t.Errorf("the bundle of dist/'s three ES modules has %d runtimes, want 3", n)
	}
	check("bundle of dist/'s ES modules", run(linked, before))
	// One package alone, for comparison.
	one := []byte("import { createInstance } from \"auth\";\nconsole.log(createInstance(\"manage_tokens\").expiryLeewaySeconds);\n")
	if err := os.WriteFile(filepath.Join(linked, "one.mjs"), one, 0o644); err != nil {
		t.Fatal(err)
	}
	oneCode := bundleApp(t, linked, "one.mjs")
	if got := strings.TrimSpace(run(linked, oneCode)); got != "30" {
		t.Errorf("one package: %q", got)
	}
	t.Logf("esbuild bundles, minified, gzip -9: auth alone %d bytes; auth, users and format %d bytes sharing one runtime, %d bytes with a runtime each (minified %d → %d bytes)",
		gzipSize(t, oneCode), gzipSize(t, after), gzipSize(t, before), len(before), len(after))

	// The classic script carries its own runtime and needs nothing else.
	script := r.Files[npm.Dir("auth", version(t, r, "auth"))+"/auth.js"]
	if bytes.Count(script, []byte(runtimeMark)) != 1 || bytes.Contains(script, []byte(npm.RuntimePackage)) {
		t.Error("auth.js does not carry its own runtime")
	}
	if err := os.WriteFile(filepath.Join(tmp, "auth.js"), script, 0o644); err != nil {
		t.Fatal(err)
	}
	got := nodetest.Run(t, tmp, nil, "-e", `const vm = require("node:vm");
const context = vm.createContext({ console, setTimeout, URL, atob });
vm.runInContext(require("node:fs").readFileSync("auth.js", "utf8"), context);
context.modc.packages.auth.createInstance("manage_tokens", { mock: true }).getAccessToken().then((t) => console.log(t));`)
	if strings.TrimSpace(got) != mockToken(t) {
		t.Errorf("the classic script alone: %q", got)
	}
}
