package npm_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/compiler/internal/bundle"
	"github.com/modc-dev/modc/compiler/internal/npm"
	"github.com/modc-dev/modc/compiler/internal/runtime"
)

// repoFS is the example workspace at the root of this repository (its
// modc.json and modules/), with extra files over it.
func repoFS(t testing.TB, extra map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("../../..")
	add := func(p string) {
		data, err := fs.ReadFile(root, p)
		if err != nil {
			t.Fatal(err)
		}
		m[p] = &fstest.MapFile{Data: data}
	}
	add("modc.json")
	err := fs.WalkDir(root, "modules", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			add(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range extra {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

// build builds fsys as the workspace of this repository (for its git
// versions), without releases, and fails on errors.
func build(t testing.TB, fsys fs.FS) *compiler.Result {
	t.Helper()
	r := compiler.Build(compiler.Options{Root: "../../..", FS: fsys, NoReleases: true, CacheDir: "-"})
	if r.Failed() {
		t.Fatalf("build:\n%s", r.Messages)
	}
	return r
}

// version is the version the build gave pkg.
func version(t testing.TB, r *compiler.Result, pkg string) string {
	t.Helper()
	for _, pv := range r.Versions {
		if pv.Package == pkg {
			return pv.Current
		}
	}
	t.Fatalf("no version of %s", pkg)
	return ""
}

// writeDir writes the files under prefix into dir, without the prefix.
func writeDir(t testing.TB, files map[string][]byte, prefix, dir string) {
	t.Helper()
	n := 0
	for name, data := range files {
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(rest))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n == 0 {
		t.Fatalf("no files under %s", prefix)
	}
}

const license = "Copyright 2026 Acme. All rights reserved.\n"

// TestBuildFolders checks the npm folders of a scoped workspace: names,
// versions, exports, the file list, the license and the README.
func TestBuildFolders(t *testing.T) {
	cfg := `{"title": "Acme", "baseURL": "https://docs.acme.io/", "global": "acme", "npmScope": "@acme"}`
	r := build(t, repoFS(t, map[string]string{"modc.json": cfg, "LICENSE": license}))
	for _, pkg := range []string{"auth", "users", "format"} {
		v := version(t, r, pkg)
		dir := npm.Dir(pkg, v) + "/"
		var pj struct {
			Name, Version, License, Main, Module, Types, Homepage string
			Exports                                               map[string]json.RawMessage
			Dependencies                                          json.RawMessage
			Files                                                 []string
			SideEffects                                           []string
			Modc                                                  struct{ Package, Global string }
		}
		if err := json.Unmarshal(r.Files[dir+"package.json"], &pj); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		if pj.Name != "@acme/"+pkg || pj.Version != v || pj.License != "SEE LICENSE IN LICENSE" ||
			pj.Homepage != "https://docs.acme.io/packages/"+pkg+"/" || pj.Modc.Global != "acme" {
			t.Errorf("%s: %+v", dir, pj)
		}
		if pj.Main != "./"+pkg+".cjs" || pj.Module != "./"+pkg+".mjs" || pj.Types != "./"+pkg+".d.ts" {
			t.Errorf("%s: main %s, module %s, types %s", dir, pj.Main, pj.Module, pj.Types)
		}
		// "types" must come first in each condition, for TypeScript.
		want := `{"import":{"types":"./` + pkg + `.d.mts","default":"./` + pkg + `.mjs"},"require":{"types":"./` + pkg + `.d.cts","default":"./` + pkg + `.cjs"}}`
		if got := compact(t, pj.Exports["."]); got != want {
			t.Errorf("%s exports[.] = %s, want %s", dir, got, want)
		}
		if got := string(pj.Exports["./iife"]); got != `"./`+pkg+`.js"` {
			t.Errorf("%s exports[./iife] = %s", dir, got)
		}
		// Every file listed is there, and every file there is listed.
		listed := map[string]bool{"package.json": true}
		for _, f := range pj.Files {
			listed[f] = true
			if r.Files[dir+f] == nil {
				t.Errorf("%s lists %s, which is not built", dir, f)
			}
		}
		for name := range r.Files {
			if rest, ok := strings.CutPrefix(name, dir); ok && !listed[rest] {
				t.Errorf("%s is not in package.json's files", name)
			}
		}
		for _, f := range []string{".js", ".d.ts"} {
			if string(r.Files[dir+pkg+f]) != string(r.Files["dist/"+pkg+"/"+v+"/"+pkg+f]) {
				t.Errorf("%s%s differs from the bundle", dir, pkg+f)
			}
		}
		// The ES module imports the runtime's package, which the package
		// depends on, instead of carrying it as the bundle in dist/ does.
		mjs := string(r.Files[dir+pkg+".mjs"])
		if !strings.Contains(mjs, `from "@acme/modc-runtime"`) || strings.Contains(mjs, "refused URL scheme") {
			t.Errorf("%s%s.mjs does not import the runtime:\n%.300s", dir, pkg, mjs)
		}
		if !strings.Contains(string(r.Files["dist/"+pkg+"/"+v+"/"+pkg+".mjs"]), "refused URL scheme") {
			t.Errorf("dist/%s/%s/%s.mjs does not carry the runtime", pkg, v, pkg)
		}
		if !strings.Contains(string(r.Files[dir+pkg+".cjs"]), `require("@acme/modc-runtime")`) {
			t.Errorf("%s%s.cjs does not require the runtime", dir, pkg)
		}
		if got := compact(t, pj.Dependencies); got != `{"@acme/modc-runtime":"`+runtime.Version()+`"}` {
			t.Errorf("%s dependencies %s", dir, got)
		}
		if string(r.Files[dir+"LICENSE"]) != license {
			t.Errorf("%sLICENSE = %q", dir, r.Files[dir+"LICENSE"])
		}
	}
	// The runtime's package, in its folder and in npm/node_modules/.
	rdir := npm.RuntimeDir(runtime.Version()) + "/"
	var rpj struct{ Name, Version string }
	if err := json.Unmarshal(r.Files[rdir+"package.json"], &rpj); err != nil {
		t.Fatalf("%s: %v", rdir, err)
	}
	if rpj.Name != "@acme/modc-runtime" || rpj.Version != runtime.Version() {
		t.Errorf("%spackage.json: %+v", rdir, rpj)
	}
	for _, f := range []string{"package.json", "runtime.mjs", "runtime.cjs", "runtime.d.ts", "README.md"} {
		if len(r.Files[rdir+f]) == 0 || !bytes.Equal(r.Files[rdir+f], r.Files["npm/node_modules/@acme/modc-runtime/"+f]) {
			t.Errorf("%s%s is missing or not in npm/node_modules/@acme/modc-runtime/", rdir, f)
		}
	}
	readme := string(r.Files[npm.Dir("auth", version(t, r, "auth"))+"/README.md"])
	for _, want := range []string{
		"# @acme/auth\n",
		"Authentication helpers: keeps a valid access token",
		`import { createInstance } from "@acme/auth";`,
		`const manageTokens = createInstance("manage_tokens");`,
		"const result = await manageTokens.getAccessToken();",
		"### manage_tokens\n\nJS module. Keeps a valid access token in the store",
		"```ts\nstoreToken(accessToken: string, refreshToken?: string): Promise<void>\n```",
		"| `refreshToken` | `string` | optional. kept as it is when not given |",
		"Returns `number|null`: the expiry in seconds",
		"- `expiryLeewaySeconds` (`number`, initially `30`): Seconds before",
		"- `api_authToken`: `POST https://api.example.io/api/user/token-auth/`",
		"window.acme.packages.auth",
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md lacks %q:\n%s", want, readme)
		}
	}
	users := string(r.Files[npm.Dir("users", version(t, r, "users"))+"/README.md"])
	for _, want := range []string{"Query module.", "returns a query that sends `GET ", "| `limit` |"} {
		if !strings.Contains(users, want) {
			t.Errorf("users README.md lacks %q:\n%s", want, users)
		}
	}
}

// compact returns raw JSON without spaces, its keys in their order.
func compact(t testing.TB, raw json.RawMessage) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestUnscoped: without npmScope the npm name is the package name, and
// without a license file the license is UNLICENSED.
func TestUnscoped(t *testing.T) {
	r := build(t, repoFS(t, nil))
	var pj struct{ Name, License string }
	if err := json.Unmarshal(r.Files[npm.Dir("auth", version(t, r, "auth"))+"/package.json"], &pj); err != nil {
		t.Fatal(err)
	}
	if pj.Name != "auth" || pj.License != "UNLICENSED" {
		t.Errorf("name %q, license %q", pj.Name, pj.License)
	}
}

// TestBadScope: an npmScope npm would refuse is an error at its position
// in modc.json, and the build writes nothing.
func TestBadScope(t *testing.T) {
	cfg := "{\n  \"title\": \"Acme\",\n  \"npmScope\": \"@Acme Corp\"\n}\n"
	r := compiler.Build(compiler.Options{Root: "../../..", FS: repoFS(t, map[string]string{"modc.json": cfg}), NoReleases: true, CacheDir: "-"})
	errs := r.Messages.Errors()
	if len(errs) != 1 {
		t.Fatalf("messages:\n%s", r.Messages)
	}
	m := errs[0]
	if got := m.Location.String(); got != "modc.json:3:15" {
		t.Errorf("location %s, want modc.json:3:15", got)
	}
	if !strings.Contains(m.Text, `"npmScope" "@Acme Corp" is not a valid npm scope`) {
		t.Errorf("text %q", m.Text)
	}
	if r.Files != nil {
		t.Errorf("a failed build has files")
	}
}

func TestName(t *testing.T) {
	for _, c := range [][3]string{{"", "auth", "auth"}, {"@acme", "auth", "@acme/auth"}, {"acme", "auth", "@acme/auth"}} {
		if got := npm.Name(c[0], c[1]); got != c[2] {
			t.Errorf("Name(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

// npmPath returns npm's path, failing the test without it.
func npmPath(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("npm")
	if err != nil {
		t.Fatal("npm is required for this test (apt-get install npm): ", err)
	}
	return p
}

// TestNodeInstall packs the npm folder with `npm pack`, installs the
// tarball with the runtime's into a new project with `npm install`
// (offline: the package's one dependency is the runtime), and uses it from
// node: imported as an ES module,
// required as CommonJS, and its classic script run as a script.
func TestNodeInstall(t *testing.T) {
	npmBin := npmPath(t)
	cfg := `{"title": "Acme", "global": "acme", "npmScope": "@acme"}`
	r := build(t, repoFS(t, map[string]string{"modc.json": cfg}))
	v := version(t, r, "auth")
	tmp := t.TempDir()
	folder := filepath.Join(tmp, "folder")
	writeDir(t, r.Files, npm.Dir("auth", v)+"/", folder)
	run := func(dir string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "npm_config_cache="+filepath.Join(tmp, "npm-cache"), "npm_config_update_notifier=false")
		out, err := cmd.Output()
		if err != nil {
			var stderr []byte
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = ee.Stderr
			}
			t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr)
		}
		return string(out)
	}
	packed := strings.TrimSpace(run(folder, npmBin, "pack", "--pack-destination", tmp, "--silent"))
	tarball := filepath.Join(tmp, filepath.Base(packed))
	if _, err := os.Stat(tarball); err != nil {
		t.Fatalf("npm pack made no %s: %v", packed, err)
	}
	// The runtime's package, which the package depends on, installed with it.
	rtFolder := filepath.Join(tmp, "runtime")
	writeDir(t, r.Files, npm.RuntimeDir(runtime.Version())+"/", rtFolder)
	rtPacked := strings.TrimSpace(run(rtFolder, npmBin, "pack", "--pack-destination", tmp, "--silent"))
	project := filepath.Join(tmp, "project")
	if err := os.MkdirAll(project, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(project, "package.json"), []byte(`{"name": "project", "private": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	run(project, npmBin, "install", "--offline", "--no-audit", "--no-fund", filepath.Join(tmp, filepath.Base(rtPacked)), tarball)
	installed := filepath.Join(project, "node_modules", "@acme", "auth")
	for _, f := range []string{"package.json", "README.md", "auth.mjs", "auth.cjs", "auth.js", "auth.d.ts", "auth.d.mts", "auth.d.cts", "meta.json"} {
		if _, err := os.Stat(filepath.Join(installed, f)); err != nil {
			t.Errorf("the installed package has no %s", f)
		}
	}
	for _, f := range []string{"esm.mjs", "cjs.cjs"} {
		data, err := os.ReadFile(filepath.Join("testdata", "node", f))
		if err != nil {
			t.Fatal(err)
		}
		data = []byte(strings.ReplaceAll(string(data), `"PKG`, `"@acme/auth`))
		if err := os.WriteFile(filepath.Join(project, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	token := mockToken(t)
	esm := strings.TrimSpace(run(project, "node", "esm.mjs"))
	if want := `{"name":"auth","version":"` + v + `","modules":["manage_tokens"],"token":"` + token + `","data":true,"expiry":4102444800,"meta":"auth"}`; esm != want {
		t.Errorf("ES module:\n got %s\nwant %s", esm, want)
	}
	cjs := strings.TrimSpace(run(project, "node", "cjs.cjs", "@acme/auth"))
	if want := `{"name":"auth","modules":["manage_tokens"],"token":"` + token + `","script":"auth","scriptModules":["manage_tokens"],"esModule":true}`; cjs != want {
		t.Errorf("CommonJS:\n got %s\nwant %s", cjs, want)
	}
}

// mockToken is the access token the auth module's token query mock answers.
func mockToken(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("../../../modules/auth/manage_tokens/queries/api_authToken.json")
	if err != nil {
		t.Fatal(err)
	}
	var q struct {
		Mock struct {
			Data struct {
				AccessToken string `json:"access_token"`
			}
		}
	}
	if err := json.Unmarshal(data, &q); err != nil || q.Mock.Data.AccessToken == "" {
		t.Fatalf("no mock token in api_authToken.json: %v", err)
	}
	return q.Mock.Data.AccessToken
}

// TestCache: a Build with the very same bundle files reuses the folders of
// the Build before; another configuration, or another bundle, does not.
func TestCache(t *testing.T) {
	r := build(t, repoFS(t, nil))
	dir := npm.Dir("auth", version(t, r, "auth")) + "/"
	var c npm.Cache
	first, _, _ := npm.Build(r.Workspace, r.Bundles(), npm.Options{Cache: &c})
	again, _, _ := npm.Build(r.Workspace, r.Bundles(), npm.Options{Cache: &c})
	if &first[dir+"README.md"][0] != &again[dir+"README.md"][0] {
		t.Error("the same files: the folder was made again")
	}
	r.Workspace.Config.NpmScope = "@acme"
	scoped, _, _ := npm.Build(r.Workspace, r.Bundles(), npm.Options{Cache: &c})
	if !bytes.Contains(scoped[dir+"package.json"], []byte(`"name": "@acme/auth"`)) {
		t.Errorf("another scope: stale package.json:\n%s", scoped[dir+"package.json"])
	}
	outs := r.Bundles()
	for i, o := range outs {
		if o.Meta.Package == "auth" {
			npmFiles := maps.Clone(o.Npm)
			npmFiles["auth.mjs"] = bytes.Replace(npmFiles["auth.mjs"], []byte("getAccessToken"), []byte("getAccessTokeZ"), 1)
			outs[i] = &bundle.Output{Dir: o.Dir, Meta: o.Meta, Files: o.Files, Npm: npmFiles}
		}
	}
	changed, _, _ := npm.Build(r.Workspace, outs, npm.Options{Cache: &c})
	if !bytes.Contains(changed[dir+"auth.mjs"], []byte("getAccessTokeZ")) || !bytes.Contains(changed[dir+"auth.cjs"], []byte("getAccessTokeZ")) {
		t.Error("another bundle: stale folder")
	}
}
