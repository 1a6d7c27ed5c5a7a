package bundle

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestNodeESM loads the minified ES module bundles in node and exercises
// them through testdata/e2e_node.mjs: independent instances, fn.data,
// queries through a stub fetch with bindings applied, store persistence.
func TestNodeESM(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is required for this test (apt-get install nodejs): ", err)
	}
	for _, minify := range []bool{true, false} {
		dir := t.TempDir()
		writeFiles(t, dir, build(t, Options{Version: "1.0.0", Minify: minify}))
		script, err := os.ReadFile("testdata/e2e_node.mjs")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "e2e_node.mjs"), script, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(node, "--test", "--test-reporter=spec", "e2e_node.mjs")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(),
			"AUTH=file://"+filepath.Join(dir, "dist/auth/1.0.0/auth.mjs"),
			"UTIL=file://"+filepath.Join(dir, "dist/util/1.0.0/util.mjs"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("minify=%v: node --test failed: %v\n%s", minify, err, out)
		}
		t.Logf("minify=%v:\n%s", minify, out)
	}
}
