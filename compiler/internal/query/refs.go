package query

import (
	"strings"

	"github.com/modc-dev/modc/compiler/internal/jsmod"
	"github.com/modc-dev/modc/internal/memo"
)

// bindingRefs is jsmod.ExpressionRefs remembered by code: a build reads a
// query's bindings in several stages (Check, then the library uses that
// the dry runs, the bundles and the releases ask for), which parsed each
// binding four or five times. The slice is shared: callers only read it.
func bindingRefs(code string) ([]jsmod.Reference, error) {
	if e, ok := parsed.Get(code); ok {
		return e.refs, e.err
	}
	refs, err := jsmod.ExpressionRefs(code)
	parsed.Put(strings.Clone(code), refEntry{refs, err}) // code may be a slice of its whole file
	return refs, err
}

// parsed holds what bindingRefs returned (a devserver's edits leave no
// more than two generations of bindings behind).
var parsed = memo.New[refEntry](1 << 14)

type refEntry struct {
	refs []jsmod.Reference
	err  error
}
