package fastlex

import (
	"math"
	"slices"

	"github.com/dlclark/regexp2/v2/syntax"
)

// A matcher matches a rule's pattern at one position, as regexp2 does,
// without regexp2's set-up for each match: a runner, a Match and its
// capture arrays, six allocations even for a single character. It walks
// regexp2's own parse tree of the pattern (the tree regexp2 compiles) and
// backtracks as regexp2's interpreter does — alternatives in order, loops
// greedy or lazy, lookarounds and atomic groups never re-entered — for
// the node types of chroma's common patterns; newMatcher refuses the
// others. It tells only whether there is a match and where it ends, which
// is all a plain rule needs (start.plain); a rule whose groups are read
// is tried by regexp2 only where the matcher found a match.
type matcher struct {
	root *node
}

// node is a node of regexp2's tree with what matching it asks for
// worked out once.
type node struct {
	*syntax.RegexNode
	kids []*node
	// ascii says which ASCII characters a one-character node or loop
	// takes, a bit each (its set's CharIn, asked once).
	ascii [2]uint64
	// det says the node matches in at most one way at any position, so
	// nothing backtracks into it: it is matched without a continuation
	// (single), and a loop of it keeps its iterations' ends in a list
	// instead of a chain of calls.
	det bool
	// alts are a loop's ways to iterate when each matches one way at most
	// (its iteration, or that iteration's alternatives): see greedyAlts.
	alts []*node
}

// matchBudget is the most nodes a match may visit before the matcher gives
// up and leaves the position to regexp2, whose time limit then applies (a
// pattern that backtracks exponentially on some text must not hang here).
const matchBudget = 1 << 16

// newMatcher returns the matcher of a pattern as regexp2 parses it to
// compile it (with chroma's \G and flags, default options), or nil when
// tree is nil or a node of it is not one the matcher runs.
func newMatcher(tree *syntax.RegexTree) *matcher {
	if tree == nil || tree.Options&(syntax.RightToLeft|syntax.ECMAScript|syntax.RE2) != 0 || !supported(tree.Root) {
		return nil
	}
	return &matcher{root: build(tree.Root)}
}

// build makes the node of n and its children. Groups go: nothing reads
// the captures.
func build(n *syntax.RegexNode) *node {
	for n.T == syntax.NtCapture || n.T == syntax.NtGroup {
		n = n.Children[0]
	}
	b := &node{RegexNode: n}
	for _, c := range n.Children {
		b.kids = append(b.kids, build(c))
	}
	for ch := rune(0); ch < 128; ch++ {
		if b.takes(ch) {
			b.ascii[ch/64] |= 1 << (ch % 64)
		}
	}
	switch n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet, syntax.NtMulti,
		syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic,
		syntax.NtBol, syntax.NtEol, syntax.NtBoundary, syntax.NtNonboundary,
		syntax.NtBeginning, syntax.NtStart, syntax.NtEndZ, syntax.NtEnd,
		syntax.NtEmpty, syntax.NtNothing, syntax.NtUpdateBumpalong,
		syntax.NtAtomic, syntax.NtPosLook, syntax.NtNegLook:
		b.det = true
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop,
		syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy:
		b.det = n.M == n.N // a count: one way only
	case syntax.NtConcatenate:
		b.det = true
		for _, k := range b.kids {
			b.det = b.det && k.det
		}
	case syntax.NtAlternate:
		b.det = disjoint(b.kids)
	case syntax.NtLoop:
		switch kid := b.kids[0]; {
		case kid.det:
			b.alts = b.kids
		case kid.T == syntax.NtAlternate && !slices.ContainsFunc(kid.kids, func(a *node) bool { return !a.det }):
			b.alts = kid.kids
		}
	}
	return b
}

// takes reports whether a one-character node or loop takes ch.
func (n *node) takes(ch rune) bool {
	switch n.T {
	case syntax.NtOne, syntax.NtOneloop, syntax.NtOnelazy, syntax.NtOneloopatomic:
		return ch == n.Ch
	case syntax.NtNotone, syntax.NtNotoneloop, syntax.NtNotonelazy, syntax.NtNotoneloopatomic:
		return ch != n.Ch
	case syntax.NtSet, syntax.NtSetloop, syntax.NtSetlazy, syntax.NtSetloopatomic:
		return n.Set.CharIn(ch)
	}
	return false
}

// take is takes, with the ASCII bits for ASCII characters.
func (n *node) take(ch rune) bool {
	if ch >= 0 && ch < 128 {
		return n.ascii[ch/64]&(1<<(ch%64)) != 0
	}
	return n.takes(ch)
}

// disjoint reports whether, of the alternatives, at most one can match at
// any position, and in one way only: each matches one way (det), none
// matches nothing, and no two can begin with the same character — each
// begins with a character of its own, but maybe one that begins with a
// class of them (a set, a "not this one") that holds none of the others'.
func disjoint(alts []*node) bool {
	var class *node
	var chars []rune
	for _, a := range alts {
		if !a.det || minLen(a.RegexNode) == 0 {
			return false
		}
		f := first(a)
		switch {
		case f == nil:
			return false
		case f.T == syntax.NtOne || f.T == syntax.NtMulti:
			ch := f.Ch
			if f.T == syntax.NtMulti {
				ch = f.Str[0]
			}
			if slices.Contains(chars, ch) {
				return false
			}
			chars = append(chars, ch)
		case class != nil:
			return false
		default:
			class = f
		}
	}
	if class != nil {
		for _, ch := range chars {
			if class.takes(ch) {
				return false
			}
		}
	}
	return true
}

// first returns the node that takes the first character of a match of n:
// a one-character node or a string; nil when that is not so simple.
func first(n *node) *node {
	switch n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet, syntax.NtMulti:
		return n
	case syntax.NtConcatenate:
		if minLen(n.kids[0].RegexNode) > 0 {
			return first(n.kids[0])
		}
	}
	return nil
}

// supported reports whether the matcher runs every node of the tree at n.
func supported(n *syntax.RegexNode) bool {
	if n.Options&(syntax.IgnoreCase|syntax.RightToLeft) != 0 {
		return false
	}
	switch n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet, syntax.NtMulti,
		syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop,
		syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy,
		syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic,
		syntax.NtBol, syntax.NtEol, syntax.NtBoundary, syntax.NtNonboundary,
		syntax.NtBeginning, syntax.NtStart, syntax.NtEndZ, syntax.NtEnd,
		syntax.NtEmpty, syntax.NtNothing, syntax.NtUpdateBumpalong:
		switch n.T {
		case syntax.NtSet, syntax.NtSetloop, syntax.NtSetlazy, syntax.NtSetloopatomic:
			if n.Set == nil {
				return false
			}
		case syntax.NtMulti:
			if len(n.Str) == 0 {
				return false
			}
		}
		return len(n.Children) == 0 && n.N >= n.M
	case syntax.NtLoop, syntax.NtLazyloop:
		// An iteration that can match nothing follows rules of its own
		// in regexp2 (it ends the loop): such loops are left to it.
		return len(n.Children) == 1 && n.M >= 0 && n.N >= n.M && minLen(n.Children[0]) > 0 && supported(n.Children[0])
	case syntax.NtCapture:
		// A balancing group (N set) uncaptures another: left to regexp2.
		return len(n.Children) == 1 && n.N == -1 && supported(n.Children[0])
	case syntax.NtGroup, syntax.NtAtomic, syntax.NtPosLook, syntax.NtNegLook:
		return len(n.Children) == 1 && supported(n.Children[0])
	case syntax.NtConcatenate, syntax.NtAlternate:
		for _, c := range n.Children {
			if !supported(c) {
				return false
			}
		}
		return len(n.Children) > 0
	}
	return false // backreferences, conditionals, ECMAScript boundaries…
}

// minLen is the fewest characters a match of n spans.
func minLen(n *syntax.RegexNode) int {
	switch n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet:
		return 1
	case syntax.NtMulti:
		return len(n.Str)
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop,
		syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy,
		syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic:
		return n.M
	case syntax.NtLoop, syntax.NtLazyloop:
		return n.M * minLen(n.Children[0])
	case syntax.NtCapture, syntax.NtGroup, syntax.NtAtomic:
		return minLen(n.Children[0])
	case syntax.NtConcatenate:
		total := 0
		for _, c := range n.Children {
			total += minLen(c)
		}
		return total
	case syntax.NtAlternate:
		least := math.MaxInt
		for _, c := range n.Children {
			least = min(least, minLen(c))
		}
		if least == math.MaxInt {
			return 0
		}
		return least
	}
	return 0
}

// match returns the end of the match that starts at pos in text, ok false
// when there is none; known is false when the budget ran out (regexp2
// must decide).
func (m *matcher) match(text []rune, pos int) (end int, ok, known bool) {
	r := run{text: text, start: pos}
	if m.root.det {
		end, ok = r.single(m.root, pos)
	} else {
		ok = r.node(m.root, pos, func(p int) bool { end = p; return true })
	}
	if r.over {
		return 0, false, false
	}
	return end, ok, true
}

// run is one match: the text, where it started, and the nodes visited.
type run struct {
	text  []rune
	start int
	steps int
	over  bool // the budget ran out: the answer is unknown
}

// spend counts n nodes against the budget; false when it runs out.
func (r *run) spend(n int) bool {
	if r.steps += n; r.steps > matchBudget {
		r.over = true
	}
	return !r.over
}

// single matches a node that matches in one way at most (det): where its
// match ends, and whether there is one.
func (r *run) single(n *node, pos int) (int, bool) {
	if !r.spend(1) {
		return 0, false
	}
	text := r.text
	switch n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet:
		if pos < len(text) && n.take(text[pos]) {
			return pos + 1, true
		}
		return 0, false
	case syntax.NtMulti:
		if hasPrefix(text[pos:], n.Str) {
			return pos + len(n.Str), true
		}
		return 0, false
	case syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic,
		syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop,
		syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy: // M = N for the last six (det)
		if most := r.span(n, pos); most >= n.M {
			return pos + most, true
		}
		return 0, false
	case syntax.NtBol, syntax.NtEol, syntax.NtBoundary, syntax.NtNonboundary,
		syntax.NtBeginning, syntax.NtStart, syntax.NtEndZ, syntax.NtEnd,
		syntax.NtEmpty, syntax.NtUpdateBumpalong:
		return pos, r.holds(n, pos)
	case syntax.NtConcatenate:
		for _, k := range n.kids {
			var ok bool
			if pos, ok = r.single(k, pos); !ok {
				return 0, false
			}
		}
		return pos, true
	case syntax.NtAlternate:
		for _, k := range n.kids {
			if end, ok := r.single(k, pos); ok || r.over {
				return end, ok
			}
		}
		return 0, false
	case syntax.NtAtomic:
		return r.once(n.kids[0], pos)
	case syntax.NtPosLook:
		_, ok := r.once(n.kids[0], pos)
		return pos, ok
	case syntax.NtNegLook:
		_, ok := r.once(n.kids[0], pos)
		return pos, !ok && !r.over
	}
	return 0, false // NtNothing
}

// once returns where the first match of n at pos ends: an atomic group's
// or a lookaround's, which nothing backtracks into.
func (r *run) once(n *node, pos int) (int, bool) {
	if n.det {
		return r.single(n, pos)
	}
	end := -1
	ok := r.node(n, pos, func(p int) bool { end = p; return true })
	return end, ok
}

// holds reports whether a zero-width node holds at pos.
func (r *run) holds(n *node, pos int) bool {
	text := r.text
	switch n.T {
	case syntax.NtBol:
		return pos == 0 || text[pos-1] == '\n'
	case syntax.NtEol:
		return pos == len(text) || text[pos] == '\n'
	case syntax.NtBoundary:
		return r.boundary(pos)
	case syntax.NtNonboundary:
		return !r.boundary(pos)
	case syntax.NtBeginning:
		return pos == 0
	case syntax.NtStart:
		return pos == r.start
	case syntax.NtEndZ:
		return pos == len(text) || pos == len(text)-1 && text[pos] == '\n'
	case syntax.NtEnd:
		return pos == len(text)
	}
	return true // NtEmpty, NtUpdateBumpalong
}

// node matches n at pos and then the rest (k), backtracking into n for
// each way it can match, in regexp2's order, until the rest matches.
func (r *run) node(n *node, pos int, k func(int) bool) bool {
	if n.det {
		end, ok := r.single(n, pos)
		return ok && k(end)
	}
	if !r.spend(1) {
		return false
	}
	switch n.T {
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop:
		most := r.span(n, pos)
		for c := most; c >= n.M; c-- {
			if k(pos + c) {
				return true
			}
			if r.over {
				return false
			}
		}
		return false
	case syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy:
		// The fewest first, then one more at a time; not the longest run
		// first, which for a ".*?" before a closing quote scanned to the
		// end of the text at every position.
		if r.spanUpTo(n, pos, n.M) < n.M {
			return false
		}
		for c := n.M; ; c++ {
			if k(pos + c) {
				return true
			}
			if r.over || c >= n.N || pos+c >= len(r.text) || !n.take(r.text[pos+c]) || !r.spend(1) {
				return false
			}
		}
	case syntax.NtConcatenate:
		return r.seq(n.kids, pos, k)
	case syntax.NtAlternate:
		for _, c := range n.kids {
			if r.node(c, pos, k) {
				return true
			}
			if r.over {
				return false
			}
		}
		return false
	case syntax.NtLoop:
		if n.alts != nil {
			return r.greedyAlts(n, n.alts, pos, k)
		}
		return r.greedy(n, 0, pos, k)
	case syntax.NtLazyloop:
		return r.lazy(n, 0, pos, k)
	}
	return false // the det nodes are matched by single
}

// seq matches the nodes one after the other, then k.
func (r *run) seq(nodes []*node, pos int, k func(int) bool) bool {
	for len(nodes) > 1 && nodes[0].det {
		var ok bool
		if pos, ok = r.single(nodes[0], pos); !ok {
			return false
		}
		nodes = nodes[1:]
	}
	if len(nodes) == 1 {
		return r.node(nodes[0], pos, k)
	}
	return r.node(nodes[0], pos, func(p int) bool { return r.seq(nodes[1:], p, k) })
}

// greedy matches a loop's iterations from the count-th on: another one
// first, then the rest.
func (r *run) greedy(n *node, count, pos int, k func(int) bool) bool {
	if count < n.N {
		if r.node(n.kids[0], pos, func(p int) bool { return r.greedy(n, count+1, p, k) }) {
			return true
		}
		if r.over {
			return false
		}
	}
	return count >= n.M && k(pos)
}

// greedyAlts is greedy for a loop whose iteration is one of alts, each
// matching one way at most (a node that does is its only alternative): it
// keeps, for each iteration, where it began and which alternative to try
// there next, instead of a chain of calls (a string literal's loop would
// go as deep as the string is long).
func (r *run) greedyAlts(n *node, alts []*node, pos int, k func(int) bool) bool {
	type iteration struct{ pos, next int }
	var buf [32]iteration
	stack := append(buf[:0], iteration{pos: pos})
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		count := len(stack) - 1
		if count < n.N {
			advanced := false
			for top.next < len(alts) {
				alt := alts[top.next]
				top.next++
				if end, ok := r.single(alt, top.pos); ok {
					stack = append(stack, iteration{pos: end})
					advanced = true
					break
				}
				if r.over {
					return false
				}
			}
			if advanced {
				continue
			}
		}
		// Every way on from here failed: the rest, after count iterations.
		if count >= n.M && k(top.pos) {
			return true
		}
		if r.over {
			return false
		}
		stack = stack[:len(stack)-1]
	}
	return false
}

// lazy is greedy's opposite: the rest first, then another iteration.
func (r *run) lazy(n *node, count, pos int, k func(int) bool) bool {
	if count >= n.M {
		if k(pos) {
			return true
		}
		if r.over {
			return false
		}
	}
	return count < n.N && r.node(n.kids[0], pos, func(p int) bool { return r.lazy(n, count+1, p, k) })
}

// span is how many characters from pos a one-character loop can take, at
// most its maximum.
func (r *run) span(n *node, pos int) int { return r.spanUpTo(n, pos, n.N) }

// spanUpTo is span, counting up to most characters.
func (r *run) spanUpTo(n *node, pos, most int) int {
	text := r.text
	limit := min(len(text)-pos, most)
	c := 0
	for c < limit && n.take(text[pos+c]) {
		c++
	}
	r.spend(c / 8) // a long run costs some of the budget too
	return c
}

// boundary is regexp2's \b: a word character on one side of pos only.
func (r *run) boundary(pos int) bool {
	return (pos > 0 && syntax.IsWordChar(r.text[pos-1])) != (pos < len(r.text) && syntax.IsWordChar(r.text[pos]))
}
