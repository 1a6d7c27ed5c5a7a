package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const shopExport = "../../compiler/appsmith/testdata/exports/shop"

func TestImportAppsmith(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	code, stdout, stderr := modc(t, false, "import", "appsmith", shopExport, "--into", ws, "--package", "shop", "--no-check")
	if code != 0 || stdout != "" {
		t.Fatalf("status %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"not checked Home/Catalog → modules/shop/catalog (inputs: Products, SearchInput, utils)",
		"modc: imported 5 JS objects from 3 pages into shop",
		"5 queries (2 placeholders), 1 library",
		"files created",
		"run npm install in " + ws,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(ws, "modules/shop/catalog/main.js")); err != nil {
		t.Error(err)
	}
	// Again, as JSON: nothing changes.
	code, stdout, stderr = modc(t, false, "import", "appsmith", shopExport, "--into", ws, "--package", "shop", "--no-check", "--json")
	var rep struct {
		Totals struct{ Objects int }
		Files  struct{ Created, Updated, Unchanged []string }
	}
	if code != 0 || json.Unmarshal([]byte(stdout), &rep) != nil || rep.Totals.Objects != 5 || len(rep.Files.Created)+len(rep.Files.Updated) != 0 {
		t.Errorf("status %d, report %+v, stderr:\n%s", code, rep, stderr)
	}
}

func TestImportAppsmithBadInput(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	bad := "../../compiler/appsmith/testdata/bad/page_json"
	code, stdout, stderr := modc(t, false, "import", "appsmith", bad, "--into", ws)
	if code != 1 || stdout != "" || !strings.Contains(stderr, bad+"/pages/Home/Home.json:4:61: error: invalid JSON") || !strings.Contains(stderr, "modc: nothing imported: 1 error") {
		t.Errorf("status %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	code, stdout, _ = modc(t, false, "import", "appsmith", bad, "--into", ws, "--json")
	var msgs struct{ Errors []struct{ Text string } }
	if code != 1 || json.Unmarshal([]byte(stdout), &msgs) != nil || len(msgs.Errors) != 1 {
		t.Errorf("status %d, stdout %q", code, stdout)
	}
	if _, err := os.Stat(ws); err == nil {
		t.Error("the workspace was made")
	}
}

func TestImportAppsmithUsage(t *testing.T) {
	for _, args := range [][]string{
		{"import"},
		{"import", "retool", "x"},
		{"import", "appsmith"},
		{"import", "appsmith", shopExport, "--package", "Bad-Name"},
		{"import", "appsmith", shopExport, "--pages", "Hoem", "--into", t.TempDir()},
		{"import", "appsmith", shopExport, "--dry-run-timeout", "0s"},
	} {
		code, stdout, stderr := modc(t, false, args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, "--help' for usage.") {
			t.Errorf("modc %s: status %d, stdout %q, stderr %q", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	code, _, stderr := modc(t, false, "import", "appsmith", "testdata/does-not-exist")
	if code != 1 || !strings.Contains(stderr, "does-not-exist") {
		t.Errorf("missing source: status %d, stderr %q", code, stderr)
	}
}

// TestImportMakesAWorkspace: importing into a new directory writes a
// modc.json even when no library needs one, so that modc finds the new
// workspace from any of its directories.
func TestImportMakesAWorkspace(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	args := []string{"import", "appsmith", shopExport, "--into", ws, "--package", "shop", "--no-check", "--objects", "Orders"}
	code, _, stderr := modc(t, false, args...)
	wantCode(t, args, code, 0, stderr)
	data, err := os.ReadFile(filepath.Join(ws, "modc.json"))
	if err != nil || !strings.Contains(string(data), `"title"`) {
		t.Fatalf("modc.json: %q, %v", data, err)
	}
	t.Chdir(filepath.Join(ws, "modules", "shop"))
	_, _, stderr = modc(t, false, "check")
	if strings.Contains(stderr, "no modc.json") || !strings.Contains(stderr, "1 package, 1 module") {
		t.Errorf("check in the imported workspace's modules/shop:\n%s", stderr)
	}
}
