package suggest

import "testing"

func TestClosest(t *testing.T) {
	for _, c := range []struct {
		name  string
		cands []string
		want  string
	}{
		{"getAccesToken", []string{"getAccessToken", "storeToken"}, "getAccessToken"},
		{"stroeValue", []string{"storeValue", "removeValue"}, "storeValue"},
		{"titel", []string{"title", "baseURL"}, "title"},
		{"x", []string{"storeValue"}, ""},
		{"JSon", []string{"JSON"}, "JSON"},
		{"completelyDifferent", []string{"appsmith"}, ""},
		{"etat", []string{"état", "année"}, "état"},
		{"ANNÉE", []string{"état", "année"}, "année"},
		{"abcdef", []string{"fedcba", "abcdfe"}, "abcdfe"}, // a transposition
		{"storeValue", []string{"storeValueNow", "storeValues"}, "storeValues"},
		{"aaaaaaaaa", []string{"bbbbbbbbb", "aaaaaaaab"}, "aaaaaaaab"},
		{"ab", []string{"ba", "ab"}, "ab"},
		{"same", []string{"sane", "came"}, "came"}, // ties: the least in order
	} {
		if got := Closest(c.name, c.cands); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestDistance checks the cut-off distance against the full one.
func TestDistance(t *testing.T) {
	words := []string{"", "a", "ab", "ba", "abc", "acb", "navigator", "navigateTo", "inputs", "Input2", "kitten", "sitting", "ca", "abc", "storeValue", "stroeValue"}
	for _, x := range words {
		for _, y := range words {
			var full, cut dist
			full.a, full.b = lower(nil, x), lower(nil, y)
			cut.a, cut.b = full.a, full.b
			want := full.distance(1 << 20)
			for limit := 1; limit <= 3; limit++ {
				got := cut.distance(limit)
				if (want <= limit) != (got <= limit) || (want <= limit && got != want) {
					t.Errorf("distance(%q, %q) limit %d = %d, full %d", x, y, limit, got, want)
				}
			}
		}
	}
}

func BenchmarkClosest(b *testing.B) {
	cands := []string{"appsmith", "storeValue", "removeValue", "clearStore", "showAlert", "navigateTo",
		"setTimeout", "clearTimeout", "setInterval", "clearInterval", "console", "atob", "btoa", "inputs",
		"parseInt", "parseFloat", "isNaN", "isFinite", "encodeURIComponent", "decodeURIComponent", "api_getUsers"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Closest("stroeValue", cands)
		Closest("formatRow", cands)
	}
}
