package query

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/modc-dev/modc/compiler/internal/jsmod"
)

// TestBindingRefs checks that bindingRefs returns what ExpressionRefs does,
// parses each code once, and keeps no slice of a larger text as a key.
func TestBindingRefs(t *testing.T) {
	file := `{"url": "https://api.example.io/{{this.params.id}}?q={{encodeURIComponent(inputs.q)}}&d={{moment().format('YYYY')}}"}`
	for _, code := range []string{"this.params.id", "encodeURIComponent(inputs.q)", "moment().format('YYYY')", "a +", "Ωmega.größe"} {
		if i := strings.Index(file, code); i >= 0 {
			code = file[i : i+len(code)] // a slice of the file, as bindings are
		}
		want, wantErr := jsmod.ExpressionRefs(code)
		first, err := bindingRefs(code)
		if !reflect.DeepEqual(first, want) || !reflect.DeepEqual(err, wantErr) {
			t.Fatalf("bindingRefs(%q) = %v, %v; want %v, %v", code, first, err, want, wantErr)
		}
		again, err2 := bindingRefs(strings.Clone(code))
		if len(first) > 0 && &again[0] != &first[0] || err2 != err {
			t.Errorf("bindingRefs(%q) parsed again", code)
		}
	}
	parsed.mu.Lock()
	defer parsed.mu.Unlock()
	start := uintptr(unsafe.Pointer(unsafe.StringData(file)))
	for k := range parsed.cur {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(k))); p >= start && p < start+uintptr(len(file)) {
			t.Errorf("the key %q points into the file it was cut from", k)
		}
	}
}

// TestRefMemoForgets checks that a full memo forgets what was not used
// since it was last full, and keeps what was.
func TestRefMemoForgets(t *testing.T) {
	m := &refMemo{max: 2}
	m.put("a", refEntry{})
	m.put("b", refEntry{})
	m.put("c", refEntry{}) // full: a and b are the previous generation
	if _, ok := m.get("a"); !ok {
		t.Fatal("a was forgotten one generation early")
	}
	m.put("d", refEntry{}) // full again (c, a): b goes
	if _, ok := m.get("b"); ok {
		t.Error("b, unused for a generation, was kept")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := m.get(k); !ok {
			t.Errorf("%s was forgotten", k)
		}
	}
}
