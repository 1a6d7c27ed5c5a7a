package dryrun

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// judge compares an example's outcome with what it expects, records the
// verdict in er and adds a message per failed expectation.
func (m *module) judge(ex *workspace.Example, er *ExampleResult, out *outcome, thrown bool, frames []goja.StackFrame) {
	fn := call(ex.Call)
	failed := false
	fail := func(msg diag.Message) {
		m.msgs.Add(msg)
		if er.Error == "" {
			er.Error = msg.Text
		}
		failed = true
	}
	at := func(format string, args ...any) diag.Message {
		return diag.Errorf("example-failed", ex.Loc, "dry run of %s: example %q failed: %s", m.id, ex.Name, fmt.Sprintf(format, args...))
	}
	if thrown {
		e := out.err
		if e == nil {
			e = &errorInfo{Text: "an error", Message: "an error"}
		}
		er.Error = e.Text
		switch {
		case ex.ExpectError == nil:
			msg := diag.Errorf("example-threw", ex.Loc, "dry run of %s: example %q: %s threw %s", m.id, ex.Name, fn, e.Text)
			if loc, ok := m.throwLoc(frames, e.Stack); ok {
				msg.Location = loc
				msg = msg.WithNote(ex.Loc, "while running this example")
			}
			fail(msg)
		case !strings.Contains(e.Message, *ex.ExpectError) && !strings.Contains(e.Text, *ex.ExpectError):
			fail(at("%s threw an error that does not contain %q", fn, *ex.ExpectError).
				WithHint("expected an error containing: %q", *ex.ExpectError).
				WithHint("the error was: %s", clip(e.Text)))
		}
	} else {
		result := er.Result
		if result == nil {
			result = json.RawMessage("null")
		}
		if ex.ExpectError != nil {
			fail(at("%s did not throw", fn).
				WithHint("expected an error containing: %q", *ex.ExpectError).
				WithHint("it returned: %s", clip(string(result))))
		}
		if ex.Expect != nil {
			switch {
			case out.unserialisable != "":
				fail(at("%s returned a value with no JSON form (%s)", fn, out.unserialisable))
			default:
				if d := jsonDiff(ex.Expect, result); d != "" {
					msg := at("%s returned a different result", fn).
						WithHint("expected: %s", clip(compact(ex.Expect))).
						WithHint("actual:   %s", clip(compact(result)))
					if d != "$" {
						msg = msg.WithHint("first difference at %s", d)
					}
					fail(msg)
				}
			}
		}
	}
	if ex.ExpectCalls != nil {
		got := json.RawMessage("[]")
		if len(er.Calls) > 0 {
			parts := make([][]byte, len(er.Calls))
			for i, c := range er.Calls {
				parts[i] = c
			}
			got = json.RawMessage("[" + string(bytes.Join(parts, []byte(","))) + "]")
		}
		if d := jsonDiff(ex.ExpectCalls, got); d != "" {
			msg := at("%s made different platform calls", fn).
				WithHint("expected: %s", clip(compact(ex.ExpectCalls))).
				WithHint("actual:   %s", clip(compact(got)))
			if d != "$" {
				msg = msg.WithHint("first difference at %s", strings.Replace(d, "$", "calls", 1))
			}
			fail(msg)
		}
	}
	keys := make([]string, 0, len(ex.ExpectStore))
	for k := range ex.ExpectStore {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		want := ex.ExpectStore[k]
		got, ok := er.Store[k]
		if !ok {
			got = json.RawMessage("null") // an absent key matches null
		}
		if d := jsonDiff(want, got); d != "" {
			actual := clip(compact(got))
			if !ok {
				actual = "(not in the store)"
			}
			msg := at("after %s the store's %q is different", fn, k).
				WithHint("expected: %s", clip(compact(want))).
				WithHint("actual:   %s", actual)
			if d != "$" {
				msg = msg.WithHint("first difference at %s", strings.Replace(d, "$", "store."+k, 1))
			}
			fail(msg)
		}
	}
	er.Passed = !failed
}

// throwLoc finds where in main.js an exception was thrown: from the
// exception's frames when it was thrown synchronously, else from the stack
// property of the error.
func (m *module) throwLoc(frames []goja.StackFrame, stack string) (diag.Location, bool) {
	if m.code == nil {
		return diag.Location{}, false
	}
	if loc, ok := m.code.stackLoc(stack); ok {
		return loc, true
	}
	return m.code.frameLoc(frames)
}

// jsonDiff compares two JSON documents as values (numbers by value, objects
// regardless of key order). It returns "" when they are equal, else the
// path of the first difference, such as "$.items[2].name".
func jsonDiff(a, b json.RawMessage) string {
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		if bytes.Equal(bytes.TrimSpace(a), bytes.TrimSpace(b)) {
			return ""
		}
		return "$"
	}
	return diff("$", va, vb)
}

func diff(path string, a, b any) string {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok {
			return path
		}
		keys := make([]string, 0, len(a)+len(bm))
		for k := range a {
			keys = append(keys, k)
		}
		for k := range bm {
			if _, ok := a[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			av, aok := a[k]
			bv, bok := bm[k]
			p := path + "." + k
			if !isIdent(k) {
				p = path + "[" + strconv.Quote(k) + "]"
			}
			if aok != bok {
				return p
			}
			if d := diff(p, av, bv); d != "" {
				return d
			}
		}
		return ""
	case []any:
		bs, ok := b.([]any)
		if !ok {
			return path
		}
		for i := 0; i < len(a) && i < len(bs); i++ {
			if d := diff(fmt.Sprintf("%s[%d]", path, i), a[i], bs[i]); d != "" {
				return d
			}
		}
		if len(a) != len(bs) {
			return fmt.Sprintf("%s.length", path)
		}
		return ""
	default:
		if a != b {
			return path
		}
		return ""
	}
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func compact(j json.RawMessage) string {
	var b bytes.Buffer
	if json.Compact(&b, j) != nil {
		return string(j)
	}
	return b.String()
}

// clip shortens s for a hint.
func clip(s string) string {
	const max = 300
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + fmt.Sprintf("… (%d bytes)", len(s))
}
