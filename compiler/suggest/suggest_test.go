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
	} {
		if got := Closest(c.name, c.cands); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
