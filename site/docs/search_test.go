package docs

import (
	"fmt"
	"strings"
	"testing"
)

// TestBodyTerms checks the words a page adds to the search index: whole
// identifiers, lowercased, without short words, numbers, common words and
// what the page's entries already hold, at most maxBodyTerms of them (the
// most frequent), sorted.
func TestBodyTerms(t *testing.T) {
	got := bodyTerms([]string{`<p>Call <code>createInstance(name)</code> with the <em>module</em>'s name: 42 times, 2x.</p>`,
		`<pre><code>mountApp(manifest, el) &amp;&amp; storeValue("k", 1)</code></pre>`}, map[string]bool{"name": true})
	if want := "call createinstance manifest module mountapp storevalue times"; got != want {
		t.Errorf("bodyTerms = %q, want %q", got, want)
	}
	var b strings.Builder
	for i := range maxBodyTerms + 100 {
		fmt.Fprintf(&b, "word%04d ", i)
		if i%2 == 0 {
			fmt.Fprintf(&b, "word%04d ", i) // the even ones are more frequent
		}
	}
	terms := strings.Fields(bodyTerms([]string{b.String()}, nil))
	if len(terms) != maxBodyTerms {
		t.Fatalf("%d terms, want %d", len(terms), maxBodyTerms)
	}
	for i := range (maxBodyTerms + 100) / 2 {
		if w := fmt.Sprintf("word%04d", 2*i); !strings.Contains(" "+strings.Join(terms, " ")+" ", " "+w+" ") {
			t.Errorf("a frequent word, %s, was left out", w)
		}
	}
}
