package bundle

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/modc-dev/modc/compiler/gen"
	"github.com/modc-dev/modc/compiler/internal/workspace"
	"github.com/modc-dev/modc/internal/golden"
	"github.com/modc-dev/modc/internal/nodetest"
)

// typescript returns the path of tsc, installing the version pinned in
// testdata/tsc/package.json into the user cache directory the first time.
// It skips the test when npm cannot install it (no network), except on CI
// (the CI variable set), where the test fails instead.
func typescript(t *testing.T) string {
	t.Helper()
	nodetest.Path(t) // before installing the TypeScript compiler
	manifest, err := os.ReadFile("testdata/tsc/package.json")
	if err != nil {
		t.Fatal(err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "modc-test", "typescript")
	bin := filepath.Join(dir, "node_modules", "typescript", "bin", "tsc")
	if old, err := os.ReadFile(filepath.Join(dir, "package.json")); err == nil && string(old) == string(manifest) {
		if _, err := os.Stat(bin); err == nil {
			return bin
		}
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		skipOrFail(t, "npm is not installed, so the TypeScript compiler cannot be installed")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		skipOrFail(t, fmt.Sprintf("npm could not install typescript (is the registry reachable?): %v\n%s", err, out))
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("npm install left no tsc: %v", err)
	}
	return bin
}

// skipOrFail skips the test for why, or fails it on CI (the CI variable
// set), where .ci/run provides npm and the registry.
func skipOrFail(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(why)
	}
	t.Skip("skipping: " + why)
}

var tscError = regexp.MustCompile(`(?m)^([\w.]+\.ts)\((\d+),\d+\): error (TS\d+: .*)$`)

// TestDeclarationsCompile compiles the generated .d.ts files with the real
// TypeScript compiler under --strict: testdata/tsc/ok.ts must compile, and
// each line of testdata/tsc/bad.ts marked "error" (and only those) must not.
func TestDeclarationsCompile(t *testing.T) {
	tsc := typescript(t)
	dir := t.TempDir()
	files := build(t, Options{Version: "1.0.0", Minify: true})
	for _, name := range []string{"auth", "util"} {
		if err := os.WriteFile(filepath.Join(dir, name+".d.ts"), files["dist/"+name+"/1.0.0/"+name+".d.ts"], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Types from mocks and inputs (testdata/tsc/types_*.ts read them).
	typesWS, typesMains := load(t, "testdata/types")
	typesFiles, typesMsgs := Build(typesWS, typesMains, Options{Version: "1.0.0"})
	if typesMsgs.HasErrors() {
		t.Fatal(typesMsgs)
	}
	if err := os.WriteFile(filepath.Join(dir, "shop.d.ts"), typesFiles["dist/shop/1.0.0/shop.d.ts"], 0o644); err != nil {
		t.Fatal(err)
	}
	// Members named beyond ASCII (testdata/tsc/intl.ts reads them).
	intlWS, intlMains := load(t, "testdata/intl")
	intlFiles, intlMsgs := Build(intlWS, intlMains, Options{Version: "1.0.0"})
	if intlMsgs.HasErrors() {
		t.Fatal(intlMsgs)
	}
	if err := os.WriteFile(filepath.Join(dir, "lang.d.ts"), intlFiles["dist/lang/1.0.0/lang.d.ts"], 0o644); err != nil {
		t.Fatal(err)
	}
	// Every type TSType makes must compile on its own.
	var types strings.Builder
	for i, c := range tsTypeCases {
		fmt.Fprintf(&types, "export type T%d = %s;\n", i, c.want)
	}
	if err := os.WriteFile(filepath.Join(dir, "types.ts"), []byte(types.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// And so must the declarations of a generated workspace.
	genDir := t.TempDir()
	if err := gen.Write(genDir, gen.Options{Packages: 2, Modules: 3}); err != nil {
		t.Fatal(err)
	}
	ws, mains := load(t, genDir)
	genFiles, msgs := Build(ws, mains, Options{Version: "1.0.0"})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	var genDTS []string
	for name, data := range genFiles {
		if strings.HasSuffix(name, ".d.ts") {
			base := "gen_" + filepath.Base(name)
			genDTS = append(genDTS, base)
			if err := os.WriteFile(filepath.Join(dir, base), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	sort.Strings(genDTS)
	want := map[string]bool{}
	for _, name := range []string{"ok.ts", "bad.ts", "intl.ts", "types_ok.ts", "types_bad.ts"} {
		data, err := os.ReadFile("testdata/tsc/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, "// error") {
				want[name+":"+strconv.Itoa(i+1)] = true
			}
		}
	}
	args := []string{tsc, "--strict", "--noEmit", "--pretty", "false",
		"--target", "es2020", "--module", "esnext", "--moduleResolution", "bundler", "--lib", "es2020,dom",
		"auth.d.ts", "util.d.ts", "lang.d.ts", "shop.d.ts", "ok.ts", "bad.ts", "intl.ts", "types_ok.ts", "types_bad.ts", "types.ts"}
	out, _ := nodetest.Command(t, dir, nil, append(args, genDTS...)...).CombinedOutput()
	got := map[string]bool{}
	for _, m := range tscError.FindAllStringSubmatch(string(out), -1) {
		got[m[1]+":"+m[2]] = true
		if !want[m[1]+":"+m[2]] {
			t.Errorf("unexpected error at %s:%s: %s", m[1], m[2], m[3])
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
		t.Errorf("%s should fail to compile but did not", k)
	}
	if len(got) == 0 && len(want) > 0 {
		t.Errorf("tsc output:\n%s", out)
	}
	if t.Failed() {
		t.Logf("tsc output:\n%s", out)
	}
}

func TestTypeNames(t *testing.T) {
	var mods []*workspace.Module
	for _, n := range []string{"manage_tokens", "query", "abc", "abc_", "x1_y", "instance_options"} {
		mods = append(mods, &workspace.Module{Name: n})
	}
	got := typeNames(mods)
	want := map[string]string{
		"manage_tokens": "ManageTokens", "query": "QueryModule", "abc": "Abc", "abc_": "AbcModule",
		"x1_y": "X1Y", "instance_options": "InstanceOptionsModule",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("type name of %s = %q, want %q", k, got[k], v)
		}
	}
}

// TestNonASCIINames: members named beyond ASCII keep their names in
// meta.json and the declarations.
func TestNonASCIINames(t *testing.T) {
	ws, mains := load(t, "testdata/intl")
	files, msgs := Build(ws, mains, Options{Version: "1.0.0"})
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	var meta Meta
	if err := json.Unmarshal(files["dist/lang/1.0.0/meta.json"], &meta); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range meta.Modules[0].Functions {
		names = append(names, f.Name)
	}
	for _, v := range meta.Modules[0].Variables {
		names = append(names, v.Name)
	}
	if got := strings.Join(names, " "); got != "année résumé état 数量 größe 𝑥" {
		t.Errorf("meta.json names %q", got)
	}
	dts := string(files["dist/lang/1.0.0/lang.d.ts"])
	for _, want := range []string{
		"   * L'état du formulaire.\n   */\n  \"état\": string;",
		"  \"année\": (() => number) & { readonly data: number | undefined };",
		"  \"数量\": any;", "  \"größe\": any;", "  \"𝑥\": any;",
	} {
		if !strings.Contains(dts, want) {
			t.Errorf("lang.d.ts lacks %q:\n%s", want, dts)
		}
	}
}

// TestDeclarationsGolden: the declarations of testdata/types, whose query
// module's data is typed from its mock and whose modules' inputs from
// their defaults.
func TestDeclarationsGolden(t *testing.T) {
	ws, mains := load(t, "testdata/types")
	files, msgs := Build(ws, mains, Options{Version: "1.0.0"})
	if msgs.HasErrors() {
		t.Fatal(msgs)
	}
	golden.Check(t, "testdata/types.golden/shop.d.ts", string(files["dist/shop/1.0.0/shop.d.ts"]))
}
