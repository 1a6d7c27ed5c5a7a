package dryrun

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/internal/nodetest"
)

// browserVM is a VM with every browser global of browser.js.
func browserVM(t testing.TB) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	installBrowser(vm, "window", false, newLimits(DefaultMemoryLimit), nil)
	return vm
}

// TestBrowserGlobalsAgreeWithNode runs testdata/browser/compare.js, a table
// of URLs (parsed, resolved against bases, changed by each setter),
// URLSearchParams, TextEncoder, TextDecoder, Blob and structuredClone
// calls, in node and in a dry-run VM, and compares the results.
func TestBrowserGlobalsAgreeWithNode(t *testing.T) {
	nodetest.SkipIfMissing(t)
	data, err := os.ReadFile("testdata/browser/compare.js")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	v, err := browserVM(t).RunString(src)
	if err != nil {
		t.Fatalf("in goja: %v", err)
	}
	var got, want map[string]json.RawMessage
	if err := json.Unmarshal([]byte(v.String()), &got); err != nil {
		t.Fatalf("goja's result: %v\n%s", err, v)
	}
	out := nodetest.Run(t, "", nil, "-p", src)
	if err := json.Unmarshal([]byte(out), &want); err != nil {
		t.Fatalf("node's result: %v\n%s", err, out)
	}
	if n := len(listOf(t, want["urls"])); n < 30 {
		t.Errorf("only %d URL cases", n)
	}
	for k, w := range want {
		g := got[k]
		var wl, gl []json.RawMessage
		if json.Unmarshal(w, &wl) == nil && json.Unmarshal(g, &gl) == nil && len(wl) == len(gl) {
			for i := range wl {
				if !jsonSame(wl[i], gl[i]) {
					t.Errorf("%s[%d]:\n node %s\n goja %s", k, i, wl[i], gl[i])
				}
			}
			continue
		}
		if !jsonSame(w, g) {
			t.Errorf("%s:\n node %s\n goja %s", k, w, g)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s only in goja", k)
		}
	}
}

func listOf(t *testing.T, raw json.RawMessage) []json.RawMessage {
	var l []json.RawMessage
	if err := json.Unmarshal(raw, &l); err != nil {
		t.Fatal(err)
	}
	return l
}

func jsonSame(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return string(a) == string(b)
	}
	return fmt.Sprint(x) == fmt.Sprint(y) && strings.EqualFold(fmt.Sprintf("%T", x), fmt.Sprintf("%T", y))
}
