// Package npmtest runs npm from tests: installs the tools a frontend test
// needs (Vite, TypeScript) once per machine into a cache directory, and
// runs commands with npm's cache there. Installing needs the npm registry:
// without it the test is skipped, saying why, except on CI (CI=true),
// where it fails.
package npmtest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Path returns the path of npm. The test fails when npm is not installed.
func Path(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("npm")
	if err != nil {
		t.Fatal("npm is required for this test (apt-get install npm): ", err)
	}
	return p
}

// CacheDir is the stable directory the frontend tests keep their npm
// downloads and installed tools in, so that repeated runs are fast:
// ~/.cache/modc-test (the user cache directory).
func CacheDir(t testing.TB) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "modc-test")
}

// Env is the environment npm runs in: downloads cached in CacheDir.
func Env(t testing.TB) []string {
	return append(os.Environ(),
		"npm_config_cache="+filepath.Join(CacheDir(t), "npm"),
		"npm_config_update_notifier=false",
		"npm_config_audit=false",
		"npm_config_fund=false")
}

// Command runs a command in dir with npm's environment and returns its
// output, failing the test when it fails.
func Command(t testing.TB, dir, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, Env(t)
	cmd.WaitDelay = 10 * time.Second // a grandchild (vite's esbuild) may hold the output open
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s (in %s): %v\n%s", name, strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}

// install is one Install's outcome, shared by the tests of a process.
type install struct {
	once sync.Once
	dir  string
	err  string // why the dependencies could not be installed
}

var (
	mu       sync.Mutex
	installs = map[string]*install{}
)

// Install installs the dependencies of the package.json manifest into
// CacheDir/name, once per process, and only when the manifest or one of
// tools (paths relative to that directory, such as
// "node_modules/vite/bin/vite.js") changed or is missing; it also fills
// npm's cache for the offline installs tests make. It returns the
// directory. Without the npm registry it skips the test, saying so, or
// fails it on CI (CI=true).
func Install(t *testing.T, name string, manifest []byte, tools ...string) string {
	t.Helper()
	npmBin := Path(t)
	mu.Lock()
	in := installs[name]
	if in == nil {
		in = &install{}
		installs[name] = in
	}
	mu.Unlock()
	in.once.Do(func() {
		dir := filepath.Join(CacheDir(t), name)
		in.dir = dir
		if old, err := os.ReadFile(filepath.Join(dir, "package.json")); err == nil && bytes.Equal(old, manifest) &&
			Exist(dir, tools...) && Exist(CacheDir(t), "npm/_cacache") {
			return
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			in.err = err.Error()
			return
		}
		if err := os.WriteFile(filepath.Join(dir, "package.json"), manifest, 0o644); err != nil {
			in.err = err.Error()
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		// Without a registry, npm install retries for minutes: ask once first.
		ping := exec.CommandContext(ctx, npmBin, "ping", "--fetch-retries=0", "--fetch-timeout=20000")
		ping.Dir, ping.Env = dir, Env(t)
		ping.WaitDelay = 10 * time.Second
		if out, err := ping.CombinedOutput(); err != nil {
			in.err = "the npm registry is not reachable: npm ping: " + err.Error() + "\n" + string(out)
			return
		}
		cmd := exec.CommandContext(ctx, npmBin, "install", "--no-package-lock")
		cmd.Dir, cmd.Env = dir, Env(t)
		cmd.WaitDelay = 10 * time.Second // lifecycle scripts may hold the output open
		if out, err := cmd.CombinedOutput(); err != nil {
			in.err = "npm install: " + err.Error() + "\n" + string(out)
			return
		}
		if !Exist(dir, tools...) {
			in.err = "npm install in " + dir + " left no " + strings.Join(tools, ", ")
		}
	})
	if in.err != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("npm could not install %s (on CI the registry must be reachable): %s", name, in.err)
		}
		t.Skipf("skipping: npm could not install %s (is the npm registry reachable?): %s", name, in.err)
	}
	return in.dir
}

// Exist reports whether every path (slash paths relative to dir) exists.
func Exist(dir string, paths ...string) bool {
	for _, p := range paths {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			return false
		}
	}
	return true
}
