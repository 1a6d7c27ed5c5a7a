// Package dist builds modc's release archives (`make dist`): modc
// cross-compiled for each target platform with the go tool, the version and
// commit stamped in with -ldflags, packed with the README as
// modc_<version>_<os>_<arch>.tar.gz (.zip for Windows), and a SHA256SUMS
// file that `sha256sum -c` reads. It needs nothing but Go: no goreleaser,
// nothing downloaded.
package dist

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Target is a platform modc is released for.
type Target struct {
	OS, Arch string
}

func (t Target) String() string { return t.OS + "/" + t.Arch }

// Targets are the platforms of a release: Linux, macOS and Windows, each on
// amd64 and arm64.
var Targets = []Target{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

// ParseTargets reads a comma-separated list of os/arch pairs; "" is Targets.
func ParseTargets(s string) ([]Target, error) {
	if strings.TrimSpace(s) == "" {
		return Targets, nil
	}
	var out []Target
	for _, p := range strings.Split(s, ",") {
		goos, arch, ok := strings.Cut(strings.TrimSpace(p), "/")
		if !ok || goos == "" || arch == "" {
			return nil, fmt.Errorf("target %q: want os/arch, such as linux/amd64", p)
		}
		out = append(out, Target{goos, arch})
	}
	return out, nil
}

// Options say what to build.
type Options struct {
	// Version is stamped into the binary (main.version) and names the
	// archives, such as "v1.2.0".
	Version string
	// Commit is stamped in as main.commit; "" leaves it out.
	Commit string
	// Date is every archive entry's modification time (the commit's date
	// makes archives reproducible). Zero: 2000-01-01 UTC.
	Date time.Time
	// Dir is the module's directory, where go build runs (default ".").
	Dir string
	// Out is where the archives and SHA256SUMS go (default "dist"); the
	// archives and SHA256SUMS of an earlier run there are removed first.
	Out string
	// Targets default to Targets.
	Targets []Target
	// Go is the go command (default "go").
	Go string
	// Dev builds as go test does (file system paths kept, cgo as the
	// environment says), so that a test of this machine's target only links
	// from go test's build cache. Releases leave it false: -trimpath and
	// CGO_ENABLED=0, one static binary per target.
	Dev bool
	// Log, when set, gets a line per target built.
	Log io.Writer
}

// versionRE is what a version may be: it names files.
var versionRE = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+_-]*$`)

// ArchiveName is the archive of target t at version.
func ArchiveName(version string, t Target) string {
	ext := ".tar.gz"
	if t.OS == "windows" {
		ext = ".zip"
	}
	return fmt.Sprintf("modc_%s_%s_%s%s", version, t.OS, t.Arch, ext)
}

// SumsFile is the name of the checksums file in Out.
const SumsFile = "SHA256SUMS"

// Build cross-compiles modc for every target and writes the archives and
// SHA256SUMS into opts.Out. It returns the archives' names, sorted.
func Build(ctx context.Context, opts Options) ([]string, error) {
	if !versionRE.MatchString(opts.Version) {
		return nil, fmt.Errorf("version %q: want a version such as v1.2.0 (letters, digits, . + _ -)", opts.Version)
	}
	if opts.Dir == "" {
		opts.Dir = "."
	}
	if opts.Out == "" {
		opts.Out = "dist"
	}
	if opts.Targets == nil {
		opts.Targets = Targets
	}
	if opts.Go == "" {
		opts.Go = "go"
	}
	if opts.Date.IsZero() {
		opts.Date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	readme, err := os.ReadFile(filepath.Join(opts.Dir, "README.md"))
	if err != nil {
		return nil, fmt.Errorf("read the README for the archives: %w", err)
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return nil, fmt.Errorf("make %s: %w", opts.Out, err)
	}
	old, _ := filepath.Glob(filepath.Join(opts.Out, "modc_*"))
	for _, p := range append(old, filepath.Join(opts.Out, SumsFile)) {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("remove the previous archives: %w", err)
		}
	}
	tmp, err := os.MkdirTemp("", "modc-dist-")
	if err != nil {
		return nil, fmt.Errorf("make a build directory: %w", err)
	}
	defer os.RemoveAll(tmp)

	sums := map[string]string{}
	for _, t := range opts.Targets {
		start := time.Now()
		exe := "modc"
		if t.OS == "windows" {
			exe = "modc.exe"
		}
		bin := filepath.Join(tmp, t.OS+"-"+t.Arch, exe)
		if err := goBuild(ctx, opts, t, bin); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(bin)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t, err)
		}
		files := []file{{exe, data, 0o755}, {"README.md", readme, 0o644}}
		var archive []byte
		if t.OS == "windows" {
			archive, err = zipFiles(files, opts.Date)
		} else {
			archive, err = tarGz(files, opts.Date)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: pack: %w", t, err)
		}
		name := ArchiveName(opts.Version, t)
		if err := os.WriteFile(filepath.Join(opts.Out, name), archive, 0o644); err != nil {
			return nil, fmt.Errorf("%s: %w", t, err)
		}
		sum := sha256.Sum256(archive)
		sums[name] = hex.EncodeToString(sum[:])
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "dist: %s  %s (%.1f MB) in %s\n", name, sums[name][:12], float64(len(archive))/1e6, time.Since(start).Round(time.Second))
		}
	}
	names := make([]string, 0, len(sums))
	for n := range sums {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", sums[n], n)
	}
	if err := os.WriteFile(filepath.Join(opts.Out, SumsFile), []byte(b.String()), 0o644); err != nil {
		return nil, fmt.Errorf("write %s: %w", SumsFile, err)
	}
	return names, nil
}

// goBuild compiles ./cmd/modc for t into bin, without cgo, so that one
// machine builds every target.
func goBuild(ctx context.Context, opts Options, t Target, bin string) error {
	ldflags := "-s -w -X main.version=" + opts.Version
	if opts.Commit != "" {
		ldflags += " -X main.commit=" + opts.Commit
	}
	args := []string{"build", "-ldflags", ldflags, "-o", bin}
	env := append(os.Environ(), "GOOS="+t.OS, "GOARCH="+t.Arch)
	if !opts.Dev {
		args = append(args, "-trimpath")
		env = append(env, "CGO_ENABLED=0")
	}
	args = append(args, "./cmd/modc")
	cmd := exec.CommandContext(ctx, opts.Go, args...)
	cmd.Dir = opts.Dir
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("%s: go build failed: %s", t, strings.TrimSpace(stderr.String()))
		}
		return fmt.Errorf("%s: go build: %w", t, err)
	}
	return nil
}

// file is one entry of an archive.
type file struct {
	name string
	data []byte
	mode int64
}

func tarGz(files []file, date time.Time) ([]byte, error) {
	var buf bytes.Buffer
	gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(gz)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data)), ModTime: date, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func zipFiles(files []file, date time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: date}
		h.SetMode(os.FileMode(f.mode))
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
