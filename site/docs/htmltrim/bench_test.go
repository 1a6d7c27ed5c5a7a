package htmltrim

import (
	"os"
	"testing"
)

// BenchmarkAppend trims the golden module page.
func BenchmarkAppend(b *testing.B) {
	src, err := os.ReadFile("../testdata/golden/site/packages/shop/cart/index.html")
	if err != nil {
		b.Fatal(err)
	}
	var dst []byte
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		dst = Append(dst[:0], src)
	}
}
