package jsonpos

import (
	"reflect"
	"testing"
)

// TestCopy: the copies equal their trees, share none of their nodes or
// fields, and remap finds a copy's subtrees (a root nested in another
// root's tree maps into that copy); other nodes map to themselves.
func TestCopy(t *testing.T) {
	a, err := Parse([]byte(`{"request": {"url": "https://x/{{inputs.id}}", "headers": {"A": "b"}, "body": [1, {"k": null}, "s", true]}, "mock": {"status": 200}}`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse([]byte(`[{"x": 1}, []]`))
	if err != nil {
		t.Fatal(err)
	}
	req := a.Get("request")
	body := req.Get("body")
	remap := Copy(body, req, b, nil, req)
	for _, n := range []*Node{req, body, b, body.Items[1], req.Get("headers").Get("A")} {
		cp := remap(n)
		if cp == n {
			t.Errorf("%s was not copied", n.Raw)
			continue
		}
		if !reflect.DeepEqual(cp, n) {
			t.Errorf("the copy of %s differs: %+v", n.Raw, cp)
		}
	}
	if remap(req).Get("body") != remap(body) {
		t.Error("the body's copy is not the one in the request's copy")
	}
	var orig, copies []*Node
	var walk func(n *Node, out *[]*Node)
	walk = func(n *Node, out *[]*Node) {
		*out = append(*out, n)
		for _, c := range n.Items {
			walk(c, out)
		}
		for _, f := range n.Fields {
			walk(f.Value, out)
		}
	}
	walk(req, &orig)
	walk(remap(req), &copies)
	shared := map[*Node]bool{}
	for _, n := range orig {
		shared[n] = true
	}
	for _, n := range copies {
		if shared[n] {
			t.Errorf("the copy shares the node %s", n.Raw)
		}
	}
	for i, f := range remap(req).Fields {
		if f == req.Fields[i] {
			t.Errorf("the copy shares the field %q", f.Key)
		}
	}
	if remap(a) != a || remap(a.Get("mock")) != a.Get("mock") || remap(nil) != nil {
		t.Error("remap changed a node outside the roots' trees")
	}
}
