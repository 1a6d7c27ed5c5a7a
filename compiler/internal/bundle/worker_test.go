package bundle

import (
	"bytes"
	"slices"
	"testing"
)

// TestWorkerBuildsAsInProcess: a Worker (this test binary, started again)
// makes the same files and the same messages as esbuild in this process:
// for a workspace that builds, one whose modules draw warnings (mapped back
// to main.js), and one with errors in a compiled request and a module that
// was not analysed.
func TestWorkerBuildsAsInProcess(t *testing.T) {
	w := StartWorker()
	defer w.Close()
	for _, dir := range []string{"testdata/ws", "testdata/warn", "testdata/broken", "testdata/lint"} {
		t.Run(dir, func(t *testing.T) {
			ws, mains := loadAll(t, dir)
			opts := Options{Version: "1.0.0", Minify: true}
			want, wantMsgs := Build(ws, mains, opts)
			before := w.built.Load()
			opts.Worker = w
			got, gotMsgs := Build(ws, mains, opts)
			if w.built.Load() == before {
				t.Fatal("the worker built nothing")
			}
			if g, w := gotMsgs.String(), wantMsgs.String(); g != w {
				t.Errorf("messages from the worker:\n%s\nin process:\n%s", g, w)
			}
			if len(want) == 0 && len(wantMsgs) == 0 {
				t.Fatal("nothing built, nothing said")
			}
			names := mapsKeys(want, got)
			slices.Sort(names)
			for _, name := range names {
				if !bytes.Equal(got[name], want[name]) {
					t.Errorf("%s differs (%d bytes from the worker, %d in process)", name, len(got[name]), len(want[name]))
				}
			}
		})
	}
}

// TestWorkerGone: once its process is gone (killed here), a Worker's
// builds run in this process, with the same files, and Close returns.
func TestWorkerGone(t *testing.T) {
	ws, mains := load(t, "testdata/ws")
	want, _ := Build(ws, mains, Options{Version: "1.0.0"})
	w := StartWorker()
	if err := w.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-w.read // it noticed
	got, msgs := Build(ws, mains, Options{Version: "1.0.0", Worker: w})
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	if w.built.Load() != 0 {
		t.Errorf("a dead worker built %d packages", w.built.Load())
	}
	if len(got) != len(want) {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs", name)
		}
	}
	w.Close()
}

func mapsKeys(ms ...map[string][]byte) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}
