package app

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

// sizeBudget bounds the fixed cost of an app: app.js of an app with no
// bindings (the widget runtime and the module runtime it shares with the
// package bundles), minified and gzipped.
const sizeBudget = 8 * 1024

func TestSizeBudget(t *testing.T) {
	app := `{ "packages": { "shop": "workspace" }, "instances": { "Cart": { "module": "shop/cart" } }, "pages": [ { "name": "P", "widgets": [] } ] }`
	ws, mains := analyze(t, overlay(t, "testdata/ws", map[string]string{"apps/empty/app.json": app}))
	files := map[string][]byte{"dist/shop/0.0.0-dev/shop.mjs": []byte("export {}")}
	out, msgs := Build(ws, mains, files, Options{Minify: true, Apps: []string{"empty"}})
	if len(msgs) > 0 {
		t.Fatalf("messages:\n%s", msgs)
	}
	js := out.Files["apps/empty/app.js"]
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(js)
	zw.Close()
	t.Logf("app.js without bindings: %d bytes minified, %d bytes min+gzip (budget %d)", len(js), buf.Len(), sizeBudget)
	if buf.Len() > sizeBudget {
		t.Errorf("the widget runtime is %d bytes min+gzip, over the %d-byte budget", buf.Len(), sizeBudget)
	}
	for _, bad := range []string{"eval(", "new Function", "innerHTML", "insertAdjacentHTML", "outerHTML", "document.write"} {
		if strings.Contains(string(js), bad) {
			t.Errorf("app.js uses %s", bad)
		}
	}
}
