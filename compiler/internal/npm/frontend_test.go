package npm_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/compiler/internal/npm"
	"github.com/modc-dev/modc/compiler/internal/runtime"
	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/nodetest"
	"github.com/modc-dev/modc/internal/npmtest"
)

// The example frontend, and the TypeScript compiler the type checks use.
const (
	exampleDir        = "../../../examples/vite-react"
	typescriptVersion = "5.9.3"
)

// frontendDeps installs, once per machine and per version of the
// example's package.json, the example frontend's dependencies and the
// TypeScript compiler into the npm test cache (npmtest.Install), filling
// npm's cache for the installs the tests make. It skips the test when npm
// cannot reach the registry to do so.
func frontendDeps(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(exampleDir, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pj map[string]any
	if err := json.Unmarshal(data, &pj); err != nil {
		t.Fatal(err)
	}
	dev, _ := pj["devDependencies"].(map[string]any)
	if dev == nil {
		dev = map[string]any{}
	}
	dev["typescript"] = typescriptVersion
	pj["devDependencies"] = dev
	manifest, _ := json.MarshalIndent(pj, "", "  ")
	return npmtest.Install(t, "vite-react", manifest,
		"node_modules/vite/bin/vite.js", "node_modules/typescript/bin/tsc", "node_modules/react/package.json")
}

// command runs a command in dir with npm's environment, failing the test
// when it fails.
func command(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	return npmtest.Command(t, dir, name, args...)
}

// copyExample copies the example frontend's own files (not node_modules or
// dist) into dir.
func copyExample(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(exampleDir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(exampleDir, p)
		if d.IsDir() {
			if d.Name() == "node_modules" || d.Name() == "dist" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestViteReact is the acceptance test of embedding a package in a
// frontend: it builds the example workspace, packs its auth package with
// `npm pack`, installs it with npm into a copy of examples/vite-react,
// builds that with Vite, serves the result on 127.0.0.1 and checks in
// headless Chromium that the page shows the token getAccessToken got on
// load. Then tsc --strict checks code that uses the installed package's
// types, under moduleResolution bundler, node16 and node10: testdata/tsc/
// ok.ts and ok.cts compile, and each line of bad.ts marked "error" (and
// only those) does not.
func TestViteReact(t *testing.T) {
	deps := frontendDeps(t)
	npmBin := npmPath(t)
	r := build(t, repoFS(t, nil))
	v := version(t, r, "auth")
	tmp := t.TempDir()
	folder := filepath.Join(tmp, "auth")
	writeDir(t, r.Files, npm.Dir("auth", v)+"/", folder)
	packed := strings.TrimSpace(command(t, folder, npmBin, "pack", "--pack-destination", tmp, "--silent"))
	tarball := filepath.Join(tmp, filepath.Base(packed))
	// The runtime's package, which auth depends on, packed the same way.
	rtFolder := filepath.Join(tmp, "runtime")
	writeDir(t, r.Files, npm.RuntimeDir(runtime.Version())+"/", rtFolder)
	rtTarball := filepath.Join(tmp, filepath.Base(strings.TrimSpace(command(t, rtFolder, npmBin, "pack", "--pack-destination", tmp, "--silent"))))

	app := filepath.Join(tmp, "app")
	copyExample(t, app)
	// npm's cache holds the example's dependencies (frontendDeps): this
	// install needs no network.
	command(t, app, npmBin, "install", "--offline", "--no-audit", "--no-fund", rtTarball, tarball)
	command(t, app, "node", "node_modules/vite/bin/vite.js", "build", "--logLevel", "warn")

	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(app, "dist"))))
	t.Cleanup(srv.Close)
	ctx := browsertest.New(t, nil)
	err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#token")))
	if err != nil {
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
		t.Fatalf("the page shows no token: %v\npage text: %s", err, body)
	}
	token, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#token")))
	if err != nil {
		t.Fatal(err)
	}
	if want := mockToken(t); token != want {
		t.Errorf("token %q, want %q", token, want)
	}

	// The types, as the installed package gives them.
	tsc := filepath.Join(deps, "node_modules", "typescript", "bin", "tsc")
	types := filepath.Join(app, "types")
	if err := os.MkdirAll(types, 0o755); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, name := range []string{"ok.ts", "ok.cts", "bad.ts"} {
		data, err := os.ReadFile(filepath.Join("testdata", "tsc", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(types, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, "// error") {
				want["types/"+name+":"+strconv.Itoa(i+1)] = true
			}
		}
	}
	for _, mode := range []struct {
		resolution string
		args       []string
		files      []string
		decls      []string // the declaration files tsc must read
	}{
		{"bundler", []string{"--module", "esnext", "--moduleResolution", "bundler"}, []string{"types/ok.ts", "types/bad.ts"}, []string{"auth.d.mts"}},
		{"node16", []string{"--module", "node16", "--moduleResolution", "node16"}, []string{"types/ok.ts", "types/ok.cts", "types/bad.ts"}, []string{"auth.d.mts", "auth.d.cts"}},
		{"node10", []string{"--module", "esnext", "--moduleResolution", "node10"}, []string{"types/ok.ts", "types/bad.ts"}, []string{"auth.d.ts"}},
	} {
		args := append([]string{tsc, "--strict", "--noEmit", "--pretty", "false", "--listFiles", "--target", "es2022",
			"--lib", "es2022,dom"}, mode.args...)
		out, _ := nodetest.Command(t, app, nil, append(args, mode.files...)...).CombinedOutput()
		checkTSC(t, mode.resolution, string(out), want)
		for _, d := range mode.decls {
			if !strings.Contains(string(out), "/node_modules/auth/"+d) {
				t.Errorf("%s: tsc did not read node_modules/auth/%s:\n%s", mode.resolution, d, out)
			}
		}
	}
}

var tscError = regexp.MustCompile(`(?m)^(types/[\w.]+)\((\d+),\d+\): error (TS\d+: .*)$`)

// checkTSC compares tsc's errors with the lines that want one.
func checkTSC(t *testing.T, mode, out string, want map[string]bool) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "error TS") && !tscError.MatchString(line) {
			t.Errorf("%s: %s", mode, line)
		}
	}
	got := map[string]bool{}
	for _, m := range tscError.FindAllStringSubmatch(out, -1) {
		got[m[1]+":"+m[2]] = true
		if !want[m[1]+":"+m[2]] {
			t.Errorf("%s: unexpected error at %s:%s: %s", mode, m[1], m[2], m[3])
		}
	}
	var missing []string
	for k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		t.Errorf("%s: %s should fail to compile but did not", mode, k)
	}
	if t.Failed() {
		t.Logf("tsc output (%s):\n%s", mode, out)
	}
}
