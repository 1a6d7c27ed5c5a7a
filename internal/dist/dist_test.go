package dist

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestTargets: the release platforms are the six of the issue, each one
// the go tool can build for, each with its own archive name.
func TestTargets(t *testing.T) {
	out, err := exec.Command("go", "tool", "dist", "list").Output()
	if err != nil {
		t.Fatalf("go tool dist list: %v", err)
	}
	known := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		known[l] = true
	}
	var names []string
	for _, tg := range Targets {
		if !known[tg.String()] {
			t.Errorf("go cannot build for %s", tg)
		}
		names = append(names, ArchiveName("v1.2.0", tg))
	}
	want := "modc_v1.2.0_linux_amd64.tar.gz modc_v1.2.0_linux_arm64.tar.gz modc_v1.2.0_darwin_amd64.tar.gz " +
		"modc_v1.2.0_darwin_arm64.tar.gz modc_v1.2.0_windows_amd64.zip modc_v1.2.0_windows_arm64.zip"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("archives:\n%s\nwant\n%s", got, want)
	}
	if got, err := ParseTargets(""); err != nil || len(got) != 6 {
		t.Errorf(`ParseTargets("") = %v, %v`, got, err)
	}
	if got, err := ParseTargets("linux/arm64, windows/amd64"); err != nil || len(got) != 2 || got[1] != (Target{"windows", "amd64"}) {
		t.Errorf("ParseTargets = %v, %v", got, err)
	}
	for _, bad := range []string{"linux", "linux/", "/amd64,linux/amd64"} {
		if _, err := ParseTargets(bad); err == nil {
			t.Errorf("ParseTargets(%q) accepted", bad)
		}
	}
}

// TestBadVersion: a version that cannot name a file builds nothing.
func TestBadVersion(t *testing.T) {
	for _, v := range []string{"", "../v1", "v1 2"} {
		out := t.TempDir()
		if _, err := Build(context.Background(), Options{Version: v, Dir: "../..", Out: out}); err == nil || !strings.Contains(err.Error(), "version") {
			t.Errorf("version %q: %v", v, err)
		}
	}
}

// TestBuildHostTarget runs the whole builder for this machine's platform
// (with Dev, the go tool links it from go test's build cache):
// the archive holds the README and a modc that runs and prints the
// stamped version and commit, and `sha256sum -c` accepts SHA256SUMS.
func TestBuildHostTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("builds modc")
	}
	host := Target{runtime.GOOS, runtime.GOARCH}
	out := filepath.Join(t.TempDir(), "dist")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, "modc_v0.0.1_linux_amd64.tar.gz")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	date := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	names, err := Build(context.Background(), Options{Version: "v0.9.0-test", Commit: "abc1234", Date: date, Dir: "../..", Out: out,
		Targets: []Target{host}, Dev: true, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	name := ArchiveName("v0.9.0-test", host)
	if len(names) != 1 || names[0] != name || !strings.Contains(log.String(), name) {
		t.Fatalf("names %v, log %q", names, log.String())
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the previous run's archive is still there")
	}
	archive, err := os.ReadFile(filepath.Join(out, name))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(archive)
	sums, err := os.ReadFile(filepath.Join(out, SumsFile))
	if want := hex.EncodeToString(sum[:]) + "  " + name + "\n"; err != nil || string(sums) != want {
		t.Errorf("SHA256SUMS = %q (%v), want %q", sums, err, want)
	}
	if sha, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command(sha, "-c", SumsFile)
		cmd.Dir = out
		if b, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(b), name+": OK") {
			t.Errorf("sha256sum -c: %v\n%s", err, b)
		}
	}

	files := unpack(t, archive, host.OS == "windows", date)
	readme, _ := os.ReadFile("../../README.md")
	if string(files["README.md"]) != string(readme) {
		t.Error("the archive's README.md is not the repository's")
	}
	exe := "modc"
	if host.OS == "windows" {
		exe = "modc.exe"
	}
	bin := filepath.Join(t.TempDir(), exe)
	if err := os.WriteFile(bin, files[exe], 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command(bin, "--version").Output()
	if err != nil || !regexp.MustCompile(`^modc v0\.9\.0-test commit abc1234 go\S+ `+host.OS+`/`+host.Arch+`\n$`).Match(b) {
		t.Errorf("modc --version: %q (%v)", b, err)
	}
}

// unpack reads a .tar.gz (or .zip) archive: every entry a regular file
// with its date, the binary executable.
func unpack(t *testing.T, archive []byte, isZip bool, date time.Time) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	if isZip {
		zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			files[f.Name], _ = io.ReadAll(rc)
			rc.Close()
			if !f.Modified.Equal(date) {
				t.Errorf("%s: date %s", f.Name, f.Modified)
			}
		}
		return files
	}
	gz, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg || !h.ModTime.Equal(date) || (h.Name == "modc" && h.Mode&0o111 == 0) {
			t.Errorf("%s: type %c, date %s, mode %o", h.Name, h.Typeflag, h.ModTime, h.Mode)
		}
		files[h.Name], _ = io.ReadAll(tr)
	}
	return files
}

// TestZip: Windows archives are zip files with the same entries.
func TestZip(t *testing.T) {
	date := time.Date(2026, 1, 2, 3, 4, 6, 0, time.UTC)
	b, err := zipFiles([]file{{"modc.exe", []byte("MZ"), 0o755}, {"README.md", []byte("# modc\n"), 0o644}}, date)
	if err != nil {
		t.Fatal(err)
	}
	files := unpack(t, b, true, date)
	if string(files["modc.exe"]) != "MZ" || string(files["README.md"]) != "# modc\n" || len(files) != 2 {
		t.Errorf("zip holds %v", files)
	}
}
