package sidebyside

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Measure is what several runs of one tool on one workspace took.
type Measure struct {
	Tool    string
	Wall    []time.Duration // one per run, in run order
	PeakRSS int64           // bytes: the largest maximum resident set size of any run
	Output  int64           // bytes written by the last run
	Files   int             // files written by the last run
	Areas   []Area          // Output by top-level entry, largest first
	// Written, for a job that builds over its previous output, is how many
	// of the last run's files (counted as Files counts them) are not files
	// of the output before it: new or rewritten, a new inode where the
	// previous one is kept. WrittenBytes is their size, WrittenPaths one
	// name of each.
	Written      int
	WrittenBytes int64
	WrittenPaths []string
}

// Median is the median wall time.
func (m Measure) Median() time.Duration {
	if len(m.Wall) == 0 {
		return 0
	}
	s := slices.Clone(m.Wall)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Min is the shortest wall time.
func (m Measure) Min() time.Duration {
	if len(m.Wall) == 0 {
		return 0
	}
	return slices.Min(m.Wall)
}

// Max is the longest wall time.
func (m Measure) Max() time.Duration {
	if len(m.Wall) == 0 {
		return 0
	}
	return slices.Max(m.Wall)
}

// job is one command to time: before runs ahead of every run (untimed), to
// clear its output and caches; out is the directory it writes, with at
// least minFiles files for its output to be comparable.
type job struct {
	tool     string
	dir      string
	env      []string
	argv     []string
	before   func() error
	out      string
	minFiles int
	// trackWrites counts the files each run writes (Measure.Written).
	trackWrites bool
}

// interleave runs each of jobs runs times and records their wall times,
// peak memory, and the size of what each one's last run wrote. It runs in
// rounds: each round runs every job once, in order, so that the jobs
// compared share the machine's moments (a neighbour's load on a shared
// host drifts within minutes; the i-th runs of the jobs are side by side).
func interleave(jobs []job, runs int) ([]Measure, error) {
	ms := make([]Measure, len(jobs))
	for i, j := range jobs {
		ms[i].Tool = j.tool
	}
	for range runs {
		for i, j := range jobs {
			if err := runOnce(j, &ms[i]); err != nil {
				return nil, err
			}
		}
	}
	for i, j := range jobs {
		m := &ms[i]
		var err error
		if m.Output, m.Files, m.Areas, err = du(j.out); err != nil {
			return nil, fmt.Errorf("%s: measuring its output: %w", j.tool, err)
		}
		if m.Files < j.minFiles {
			return nil, fmt.Errorf("%s wrote %d files, fewer than the %d expected: its output is not comparable", j.tool, m.Files, j.minFiles)
		}
	}
	return ms, nil
}

// runOnce runs j once and adds the run to m.
func runOnce(j job, m *Measure) error {
	if j.before != nil {
		if err := j.before(); err != nil {
			return fmt.Errorf("%s: preparing a run: %w", j.tool, err)
		}
	}
	var before map[fileID]bool
	if j.trackWrites {
		var err error
		if before, err = fileIDs(j.out); err != nil {
			return fmt.Errorf("%s: listing its output: %w", j.tool, err)
		}
	}
	cmd := exec.Command(j.argv[0], j.argv[1:]...)
	cmd.Dir = j.dir
	cmd.Env = append(os.Environ(), j.env...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		return fmt.Errorf("%s: %s: %w\n%s", j.tool, strings.Join(j.argv, " "), err, tail(stderr.String(), 2000))
	}
	m.Wall = append(m.Wall, took)
	m.PeakRSS = max(m.PeakRSS, peakRSS(cmd.ProcessState))
	if j.trackWrites {
		if m.Written, m.WrittenBytes, m.WrittenPaths, err = written(j.out, before); err != nil {
			return fmt.Errorf("%s: listing its output: %w", j.tool, err)
		}
	}
	return nil
}

// eachFile calls f with every regular file under dir: its path, its
// info, and its identity when the system says which file a name is.
func eachFile(dir string, f func(p string, info fs.FileInfo, id fileID, known bool) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		id, known := idOf(info)
		return f(p, info, id, known)
	})
}

// Area is what one top-level entry of an output directory holds.
type Area struct {
	Name  string // a directory or file directly in the output directory
	Bytes int64
	Files int
}

// du is the total size and number of the regular files under dir, as
// du(1) counts them: a file with several hard links (modc links the
// identical files of dist/, latest/ and npm/) counts once, in the area of
// its first name in lexical order.
func du(dir string) (size int64, files int, areas []Area, err error) {
	seen := map[fileID]bool{}
	byName := map[string]*Area{}
	err = eachFile(dir, func(p string, info fs.FileInfo, id fileID, known bool) error {
		if known {
			if seen[id] {
				return nil
			}
			seen[id] = true
		}
		size += info.Size()
		files++
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		name, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		a := byName[name]
		if a == nil {
			a = &Area{Name: name}
			byName[name] = a
		}
		a.Bytes += info.Size()
		a.Files++
		return nil
	})
	for _, a := range byName {
		areas = append(areas, *a)
	}
	slices.SortFunc(areas, func(a, b Area) int {
		if a.Bytes != b.Bytes {
			return cmp.Compare(b.Bytes, a.Bytes)
		}
		return strings.Compare(a.Name, b.Name)
	})
	return size, files, areas, err
}

// fileIDs returns the identities of the regular files under dir (none
// when dir does not exist).
func fileIDs(dir string) (map[fileID]bool, error) {
	ids := map[fileID]bool{}
	err := eachFile(dir, func(_ string, _ fs.FileInfo, id fileID, known bool) error {
		if known {
			ids[id] = true
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return ids, nil
	}
	return ids, err
}

// written counts the regular files under dir that are not one of the
// files before (each file once, whatever its names), and their size.
// Where the system does not say which file a name is, every file counts.
func written(dir string, before map[fileID]bool) (files int, size int64, paths []string, err error) {
	seen := map[fileID]bool{}
	err = eachFile(dir, func(p string, info fs.FileInfo, id fileID, known bool) error {
		if known {
			if before[id] || seen[id] {
				return nil
			}
			seen[id] = true
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		paths = append(paths, filepath.ToSlash(rel))
		return nil
	})
	return files, size, paths, err
}

// tail is the end of s, at most n bytes.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
