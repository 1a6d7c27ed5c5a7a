// Package fastlex runs chroma's regular-expression lexers faster, token
// for token the same.
//
// A chroma RegexLexer tries the rules of its current state in order at
// each position, and each try of a rule's regular expression (regexp2)
// sets up a match even when the rule cannot begin with the next
// character: on short code blocks that setup is most of the time spent
// highlighting. Wrap compiles the same rules into the same regular
// expressions, and for each also asks regexp2 how a match can begin (what
// regexp2 itself uses to skip ahead in an unanchored search): its first
// characters, its minimum length, a start-of-text or start-of-line anchor,
// its leading literal strings; and it reads the words of a keyword-list
// rule. A rule that cannot match at the position is not tried. The rules
// that can are matched without regexp2 where the pattern allows (a
// matcher: match.go walks regexp2's parse tree of it, and tests hold it
// to regexp2's answers on every pattern of chroma's lexers). Everything
// else, the states, mutators and emitters, is chroma's, run by a copy of
// chroma's own loop (LexerState.Iterator, chroma v2, MIT), which does not
// panic where chroma's does.
package fastlex

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
	"github.com/dlclark/regexp2/v2/syntax"
)

// Wrap returns a lexer that tokenises as l does. For a chroma RegexLexer
// it is the faster runner; any other lexer is returned as it is. The lexers
// that l hands part of its text to by name (chroma's Using) are those of
// chroma's global registry, unwrapped; Registry wraps them too.
func Wrap(l chroma.Lexer) chroma.Lexer {
	rl, ok := l.(*chroma.RegexLexer)
	if !ok {
		return l
	}
	return &lexer{base: rl}
}

// Registry returns a registry holding every lexer of reg, wrapped, so that a
// lexer that hands text to another by name (HTML's scripts to JavaScript)
// finds the faster one.
func Registry(reg *chroma.LexerRegistry) *chroma.LexerRegistry {
	out := chroma.NewLexerRegistry()
	for _, l := range reg.Lexers {
		w := Wrap(l)
		if fl, ok := w.(*lexer); ok {
			fl.registry = out
		}
		out.Register(w)
	}
	return out
}

// lexer runs base's rules.
type lexer struct {
	base     *chroma.RegexLexer
	registry *chroma.LexerRegistry // where Using finds lexers; nil: chroma's global one

	once   sync.Once
	rules  chroma.CompiledRules // chroma's rules, this lexer's regular expressions
	starts map[string][]start   // of each state's rules, in order
	err    error
}

// start tells how a rule's match can begin, from regexp2's analysis of
// its pattern.
type start struct {
	ascii  [2]uint64      // the ASCII characters it can begin with, a bit each
	prefix *syntax.Prefix // regexp2's set of them, for the others; nil: any character
	minLen int            // the fewest characters it spans
	// anchor is syntax.NtBeginning when it matches only at the start of the
	// text, syntax.NtBol only at the start of a line.
	anchor syntax.NodeType
	// words are the strings one of which it begins with (case-sensitive);
	// nil when not known.
	words [][]rune
	// plain is a rule that emits its whole match as one token (its Type
	// is a TokenType) and whose mutator, if it has one, only moves between
	// states: nothing reads its groups, so they are not made (see plainRule).
	plain bool
	// match runs the rule's pattern without regexp2, when it can
	// (matcher): for a plain rule where it ends is all it takes; for the
	// others it says where there is no match, and regexp2 makes the groups
	// of a match. nil: regexp2 runs the pattern.
	match *matcher
	// rule is the rule this is the start of. A lexer's mutator may put
	// another rule in its place while it runs (Raku's do): that one has
	// no start known (anyStart).
	rule *chroma.CompiledRule
}

// anyStart is the start of a rule not analysed: it may match anywhere and
// is run as chroma runs it.
var anyStart = &start{ascii: [2]uint64{^uint64(0), ^uint64(0)}}

// startOf returns the start of the ith rule of a state, rule.
func startOf(starts []start, i int, rule *chroma.CompiledRule) *start {
	if i < len(starts) && starts[i].rule == rule {
		return &starts[i]
	}
	return anyStart
}

// newStart returns the start of a rule with the pattern (without chroma's
// leading \G), the first-character set p (nil: any) and the words one of
// which it begins with (nil: not known).
func newStart(pattern string, p *syntax.Prefix, words [][]rune) start {
	s := start{prefix: p, words: words}
	for ch := rune(0); ch < 128; ch++ {
		if mayStart(p, ch) {
			s.ascii[ch/64] |= 1 << (ch % 64)
		}
	}
	// The analysis regexp2 makes of a pattern to find where a match can
	// start in an unanchored search (the thorough one it makes for
	// generated code). A match of \G(?:pattern) at a position is a match
	// of pattern starting there, so what holds for one holds for the other.
	tree, err := syntax.Parse(pattern, syntax.ParseOptions{CodeGen: true})
	if err != nil || tree.FindOptimizations == nil {
		return s
	}
	f := tree.FindOptimizations
	s.minLen = max(f.MinRequiredLength, 0)
	if f.LeadingAnchor == syntax.NtBeginning || f.LeadingAnchor == syntax.NtBol {
		s.anchor = f.LeadingAnchor
	}
	if s.words == nil {
		switch f.FindMode {
		case syntax.LeadingString_LeftToRight:
			s.words = [][]rune{[]rune(f.LeadingPrefix)}
		case syntax.LeadingStrings_LeftToRight:
			s.words = f.LeadingPrefixesRunes
		}
	}
	return s
}

// literalWords returns the words of a case-sensitive pattern that is a
// list of them, "(a|b|c)" or "(?:a|b|c)", maybe followed by \b, as chroma's
// lexers write keywords; nil for any other pattern.
func literalWords(pattern string) [][]rune {
	p, ok := strings.CutSuffix(pattern, `\b`)
	if !ok {
		p = pattern
	}
	p, ok = strings.CutSuffix(p, ")")
	if !ok {
		return nil
	}
	if q, ok := strings.CutPrefix(p, "(?:"); ok {
		p = q
	} else if q, ok := strings.CutPrefix(p, "("); ok {
		p = q
	} else {
		return nil
	}
	var words [][]rune
	for _, w := range strings.Split(p, "|") {
		if w == "" {
			return nil
		}
		for _, r := range w {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == ' ') {
				return nil // a character with a meaning in patterns, or outside ASCII
			}
		}
		words = append(words, []rune(w))
	}
	return words
}

// may reports whether the rule can match text at pos.
func (s *start) may(text []rune, pos int) bool {
	if len(text)-pos < s.minLen {
		return false
	}
	switch s.anchor {
	case syntax.NtBeginning:
		if pos != 0 {
			return false
		}
	case syntax.NtBol:
		if pos != 0 && text[pos-1] != '\n' {
			return false
		}
	}
	ch := text[pos]
	if ch >= 0 && ch < 128 {
		if s.ascii[ch/64]&(1<<(ch%64)) == 0 {
			return false
		}
	} else if !mayStart(s.prefix, ch) {
		return false
	}
	if s.words == nil {
		return true
	}
	for _, w := range s.words {
		if hasPrefix(text[pos:], w) {
			return true
		}
	}
	return false
}

func hasPrefix(text, w []rune) bool {
	if len(text) < len(w) {
		return false
	}
	for i, r := range w {
		if text[i] != r {
			return false
		}
	}
	return true
}

// Config implements chroma.Lexer.
func (l *lexer) Config() *chroma.Config { return l.base.Config() }

// SetRegistry implements chroma.Lexer: the registry Using looks lexers up
// in.
func (l *lexer) SetRegistry(r *chroma.LexerRegistry) chroma.Lexer {
	l.registry = r
	return l
}

// SetAnalyser implements chroma.Lexer.
func (l *lexer) SetAnalyser(f func(text string) float32) chroma.Lexer {
	l.base.SetAnalyser(f)
	return l
}

// AnalyseText implements chroma.Lexer.
func (l *lexer) AnalyseText(text string) float32 { return l.base.AnalyseText(text) }

// String is the lexer's name.
func (l *lexer) String() string { return l.base.String() }

// compile builds the rules as chroma's RegexLexer does (maybeCompile):
// includes and combined states expanded, each pattern compiled as
// `\G(?flags)(?:pattern)` with the same match timeout.
func (l *lexer) compile() error {
	l.once.Do(func() {
		raw, err := l.base.Rules()
		if err != nil {
			l.err = err
			return
		}
		cfg := l.base.Config()
		flags := ""
		if !cfg.NotMultiline {
			flags += "m"
		}
		if cfg.CaseInsensitive {
			flags += "i"
		}
		if cfg.DotAll {
			flags += "s"
		}
		rules := chroma.CompiledRules{}
		for state, rs := range raw {
			rules[state] = nil
			for _, r := range rs {
				rules[state] = append(rules[state], &chroma.CompiledRule{Rule: r})
			}
		}
		first := map[*chroma.CompiledRule]*start{}
		for state, rs := range rules {
			for i, r := range rs {
				if r.Regexp != nil {
					continue
				}
				pattern := "(?:" + r.Pattern + ")"
				if flags != "" {
					pattern = "(?" + flags + ")" + pattern
				}
				pattern = `\G` + pattern
				re, err := regexp2.Compile(pattern)
				if err != nil {
					l.err = fmt.Errorf("failed to compile rule %s.%d: %s", state, i, err)
					return
				}
				re.MatchTimeout = 250 * time.Millisecond
				r.Regexp = re
				var words [][]rune
				if !strings.Contains(flags, "i") {
					words = literalWords(r.Pattern)
				}
				// The tree regexp2 compiled the pattern from, parsed again.
				tree, _ := syntax.Parse(pattern, syntax.ParseOptions{})
				st := newStart(strings.TrimPrefix(pattern, `\G`), firstChars(tree), words)
				st.match = newMatcher(tree)
				first[r] = &st
			}
		}
	restart:
		seen := map[chroma.LexerMutator]bool{}
		for state := range rules {
			for i := range len(rules[state]) {
				r := rules[state][i]
				if m, ok := r.Mutator.(chroma.LexerMutator); ok {
					if seen[m] {
						l.err = fmt.Errorf("saw mutator %T twice; this should not happen", m)
						return
					}
					seen[m] = true
					if err := m.MutateLexer(rules, state, i); err != nil {
						l.err = err
						return
					}
					goto restart
				}
			}
		}
		starts := make(map[string][]start, len(rules))
		for state, rs := range rules {
			for _, r := range rs {
				st := first[r]
				if st == nil { // not compiled here: chroma's own regular expression
					st = anyStart
				}
				rs := *st
				rs.plain, rs.rule = plainRule(r), r
				starts[state] = append(starts[state], rs)
			}
		}
		l.rules, l.starts = rules, starts
	})
	return l.err
}

// plainRule reports whether r emits its match as one token of a type and
// has no mutator but chroma's push, pop, include and combined, which read
// neither the groups nor the named groups (most rules of most lexers).
// Other emitters and mutators may read them (Raku's do), and get them as
// chroma makes them.
func plainRule(r *chroma.CompiledRule) bool {
	if _, ok := r.Type.(chroma.TokenType); !ok {
		return false
	}
	if r.Mutator == nil {
		return true
	}
	m, ok := r.Mutator.(chroma.SerialisableMutator)
	if !ok {
		return false
	}
	switch m.MutatorKind() {
	case "push", "pop", "include", "combined":
		return true
	}
	return false
}

// firstChars returns regexp2's set of the characters a match of the
// pattern parsed as tree can begin with, nil when any can (or the pattern
// can match nothing, or tree is nil).
func firstChars(tree *syntax.RegexTree) *syntax.Prefix {
	if tree == nil {
		return nil
	}
	code, err := syntax.Write(tree)
	if err != nil || code.FcPrefix == nil || code.RightToLeft {
		return nil
	}
	return code.FcPrefix
}

// mayStart reports whether a match of a rule with the first-character set p
// can begin with ch. For a case-insensitive set both cases are asked: the
// set may hold either, and asking more only tries more.
func mayStart(p *syntax.Prefix, ch rune) bool {
	if p == nil || p.PrefixSet.CharIn(ch) {
		return true
	}
	if p.CaseInsensitive {
		return p.PrefixSet.CharIn(unicode.ToLower(ch)) || p.PrefixSet.CharIn(unicode.ToUpper(ch))
	}
	return false
}

// defaultOptions are chroma's.
var defaultOptions = &chroma.TokeniseOptions{State: "root", EnsureLF: true}

// Tokenise implements chroma.Lexer, as chroma's RegexLexer.Tokenise.
func (l *lexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if err := l.compile(); err != nil {
		return nil, err
	}
	if options == nil {
		options = defaultOptions
	}
	if options.EnsureLF {
		text = ensureLF(text)
	}
	newlineAdded := false
	if !options.Nested && l.base.Config().EnsureNL && !strings.HasSuffix(text, "\n") {
		text += "\n"
		newlineAdded = true
	}
	registry := l.registry
	if registry == nil {
		registry = lexers.GlobalLexerRegistry
	}
	s := &state{
		LexerState: chroma.LexerState{
			Registry:       registry,
			Lexer:          l.base,
			Text:           []rune(text),
			Stack:          []string{options.State},
			Rules:          l.rules,
			MutatorContext: map[any]any{},
		},
		starts:       l.starts,
		initial:      options.State,
		newlineAdded: newlineAdded,
	}
	return s.iterator, nil
}

// state is chroma's LexerState with the fields chroma keeps unexported.
type state struct {
	chroma.LexerState
	starts        map[string][]start
	initial       string
	newlineAdded  bool
	iteratorStack []chroma.Iterator
}

// iterator is chroma's LexerState.Iterator with matchRules skipping the
// rules that cannot start at the next character.
func (l *state) iterator() chroma.Token {
	end := len(l.Text)
	if l.newlineAdded {
		end--
	}
	for l.Pos < end && len(l.Stack) > 0 {
		if t, ok := l.pending(); ok {
			return t
		}

		l.State = l.Stack[len(l.Stack)-1]
		selected, ok := l.Rules[l.State]
		if !ok {
			return l.giveUp(l.Pos) // chroma panics: a lexer naming a state it lacks
		}
		ruleIndex, rule, end, m := l.matchRules(selected, l.starts[l.State])
		// No match.
		if end < 0 {
			// From chroma (after Pygments): a newline flagged as an error
			// empties the stack and lexing goes on in the initial state.
			if l.Text[l.Pos] == '\n' && l.State != l.initial {
				l.Stack = []string{l.initial}
				continue
			}
			l.Pos++
			return chroma.Token{Type: chroma.Error, Value: string(l.Text[l.Pos-1 : l.Pos])}
		}
		l.Rule = ruleIndex
		from := l.Pos
		l.Pos = end
		if m == nil || startOf(l.starts[l.State], ruleIndex, rule).plain {
			// What chroma does, without the groups nobody reads and the
			// iterator of one token its TokenType's Emit would make.
			l.Groups, l.NamedGroups = nil, nil
			if !l.mutate(rule) {
				return l.giveUp(from)
			}
			t := chroma.Token{Type: rule.Type.(chroma.TokenType), Value: string(l.Text[from:end])}
			if t.Type == chroma.Ignore || t == chroma.EOF {
				continue // as pending skips them
			}
			return t
		}
		l.Groups, l.NamedGroups = groupsOf(m)
		if !l.apply(rule) {
			return l.giveUp(from)
		}
	}
	if t, ok := l.pending(); ok {
		return t
	}

	// If we get to here and we still have text, return it as an error.
	if l.Pos != len(l.Text) && len(l.Stack) == 0 {
		value := string(l.Text[l.Pos:])
		l.Pos = len(l.Text)
		return chroma.Token{Type: chroma.Error, Value: value}
	}
	return chroma.EOF
}

// pending returns the next token of the emitters' iterators, if any is
// left: they are exhausted before the next match.
func (l *state) pending() (chroma.Token, bool) {
	for len(l.iteratorStack) > 0 {
		n := len(l.iteratorStack) - 1
		t := l.iteratorStack[n]()
		if t.Type == chroma.Ignore {
			continue
		}
		if t == chroma.EOF {
			l.iteratorStack = l.iteratorStack[:n]
			continue
		}
		return t, true
	}
	return chroma.Token{}, false
}

// mutate runs rule's mutator; false where chroma's loop would panic (see
// apply).
func (l *state) mutate(rule *chroma.CompiledRule) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return rule.Mutator == nil || rule.Mutator.Mutate(&l.LexerState) == nil
}

// apply runs rule's mutator and emitter on the match; false where chroma's
// loop would panic: a mutator's error, or a panic of chroma's own (a pop
// past the stack's bottom, an emitter naming a lexer there is not).
func (l *state) apply(rule *chroma.CompiledRule) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if rule.Mutator != nil {
		if err := rule.Mutator.Mutate(&l.LexerState); err != nil {
			return false
		}
	}
	if rule.Type != nil {
		l.iteratorStack = append(l.iteratorStack, rule.Type.Emit(l.Groups, &l.LexerState))
	}
	return true
}

// giveUp ends the tokens with the text from from on as one error token,
// where chroma's loop panics (a state the lexer lacks, a mutator that
// fails): highlighting a page's code must not stop the build. (Tokens
// already emitted stay, so the text is all there.)
func (l *state) giveUp(from int) chroma.Token {
	rest := string(l.Text[from:])
	l.Pos, l.Stack, l.iteratorStack = len(l.Text), nil, nil
	if rest == "" {
		return chroma.EOF
	}
	return chroma.Token{Type: chroma.Error, Value: rest}
}

// matchRules is chroma's, but for the first-character test and the
// matchers: the index of the first rule that matches at the position, the
// rule, where the match ends, and regexp2's match (nil when a matcher
// found it, for a plain rule); end is -1 when no rule matches.
func (l *state) matchRules(rules []*chroma.CompiledRule, starts []start) (int, *chroma.CompiledRule, int, *regexp2.Match) {
	for i, rule := range rules {
		st := startOf(starts, i, rule)
		if !st.may(l.Text, l.Pos) {
			continue
		}
		if st.match != nil {
			end, ok, known := st.match.match(l.Text, l.Pos)
			switch {
			case known && !ok:
				continue
			case known && st.plain:
				return i, rule, end, nil
			}
		}
		match, err := rule.Regexp.FindRunesMatchStartingAt(l.Text, l.Pos)
		if match != nil && err == nil && match.RuneIndex == l.Pos {
			return i, rule, l.Pos + match.RuneLength, match
		}
	}
	return 0, &chroma.CompiledRule{}, -1, nil
}

// groupsOf returns the texts of a match's groups, and by name, as chroma's
// loop sets them. Each group's text is made once, not once for each of the
// two (chroma's loop converts it twice).
func groupsOf(match *regexp2.Match) ([]string, map[string]string) {
	gs := match.Groups()
	groups := make([]string, len(gs))
	namedGroups := make(map[string]string, len(gs))
	for k, g := range gs {
		groups[k] = g.String()
		namedGroups[g.Name] = groups[k]
	}
	return groups, namedGroups
}

// ensureLF is chroma's: \r\n and \r become \n.
func ensureLF(text string) string {
	buf := make([]byte, len(text))
	var j int
	for i := range len(text) {
		c := text[i]
		if c == '\r' {
			if i < len(text)-1 && text[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		buf[j] = c
		j++
	}
	return string(buf[:j])
}
