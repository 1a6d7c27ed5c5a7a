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
	start := uintptr(unsafe.Pointer(unsafe.StringData(file)))
	parsed.Range(func(k string, _ refEntry) {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(k))); p >= start && p < start+uintptr(len(file)) {
			t.Errorf("the key %q points into the file it was cut from", k)
		}
	})
}
