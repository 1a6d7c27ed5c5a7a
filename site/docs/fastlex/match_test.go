package fastlex

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
	"github.com/dlclark/regexp2/v2/syntax"
)

// ruleCase is one pattern as fastlex compiles it: regexp2's and, when it
// has one, the matcher, with the start test.
type ruleCase struct {
	lexer, pattern string
	re             *regexp2.Regexp
	match          *matcher
	start          *start
}

// ruleCases returns the compiled rules of the lexers named, or of every
// regular-expression lexer of chroma's registry for none, once each.
func ruleCases(t testing.TB, names ...string) []ruleCase {
	t.Helper()
	all := lexers.GlobalLexerRegistry.Lexers
	if len(names) > 0 {
		all = nil
		for _, n := range names {
			all = append(all, lexers.Get(n))
		}
	}
	seen := map[string]bool{}
	var out []ruleCase
	for _, l := range all {
		fl, ok := Wrap(l).(*lexer)
		if !ok {
			continue
		}
		if err := fl.compile(); err != nil {
			t.Fatalf("%s: %v", fl, err)
		}
		for state, rs := range fl.rules {
			for i, r := range rs {
				st := startOf(fl.starts[state], i, r)
				if r.Regexp == nil || st == anyStart {
					continue
				}
				key := r.Regexp.String()
				if seen[key] {
					continue
				}
				seen[key] = true
				// Every pattern, plain rule or not, has its matcher
				// tried here when it has one, as matchRules tries it.
				out = append(out, ruleCase{lexer: fl.String(), pattern: key, re: r.Regexp, match: st.match, start: st})
			}
		}
	}
	return out
}

// matchTexts are texts that give patterns work: code of several languages,
// escapes, quotes left open, line ends of every kind, non-ASCII letters and
// digits, long runs.
var matchTexts = append(slices.Clone(snippets),
	`"a\"b" 'c\'d' "e\\" "\\\"" "" '' "open`,
	`x = "ends escaped\"`, // only backtracking into the escape closes it
	"y = 'also\\'",
	"x = `t ${a} ${`in ${b}`}` /re[/]x\\/y/g; // c\n/* d */ <!-- e --> #f",
	"def f(self, *args, **kw):\n    return f'{x!r:>10}' if x else None  # é\n",
	"SELECT a, \"b\" FROM t WHERE c LIKE 'x%' ORDER BY 1;\n<?php echo $x; ?>\n",
	"\t  \n\r\n\u00a0\u2028\u3000  x\u200dy 名前١٢٣ ÀÉÎõü ßΣσς 𝒳 \U0001F600\n",
	"SELECT Select sElEcT \u212a \u017f \u0130 \u0131 \u01c5 ǆ Ǆ KELVIN ſtraße\n", // case folding
	"0x1F 0b101 0o17 1_000 .5 1e-3 -2.5E+4 1n 0777 08 9.",
	strings.Repeat("ab", 300)+strings.Repeat(" ", 200)+strings.Repeat("\\", 50)+strings.Repeat("\"", 9),
	"<div class=\"a\" data-x='y'>&amp;&#34;<br/></div>\n<style>a{b:c}</style>\n<script>let x=1</script>",
	"key: value\n- item\n  nested: [1, 2]\n---\n# comment\n!!tag |\n  text\n",
	"@media (min-width: 1px) { .a > b::before { content: \"\\201C\"; color: #fff !important } }",
)

// parseMatcher returns the matcher of pattern, nil when it has none.
func parseMatcher(pattern string) *matcher {
	tree, err := syntax.Parse(pattern, syntax.ParseOptions{})
	if err != nil {
		return nil
	}
	return newMatcher(tree)
}

// TestMatcherAgreesWithRegexp2: for the docs' languages, at every position
// of every text, a pattern's matcher says what regexp2 says: whether it
// matches there, and where the match ends (or that its budget ran out).
func TestMatcherAgreesWithRegexp2(t *testing.T) {
	t.Parallel()
	cases := ruleCases(t, languages...)
	checkCases(t, cases, matchTexts, false)
}

// TestMatcherAgreesEverywhere: the same for every lexer of chroma's
// registry, at the positions fastlex would try (the start test passes).
func TestMatcherAgreesEverywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("every lexer's rules: slow")
	}
	t.Parallel()
	cases := ruleCases(t)
	with := 0
	for _, c := range cases {
		if c.match != nil {
			with++
		}
	}
	if with < len(cases)/2 {
		t.Errorf("only %d of %d patterns have a matcher", with, len(cases))
	}
	// The texts of mixed kinds (all of them take six times as long).
	extra := matchTexts[len(snippets):]
	checkCases(t, cases, []string{extra[0], extra[1], extra[2], extra[4], extra[6], extra[7], extra[10]}, true)
}

func checkCases(t *testing.T, cases []ruleCase, texts []string, startsOnly bool) {
	t.Helper()
	failures := 0
	for _, c := range cases {
		if c.match == nil {
			continue
		}
		for _, s := range texts {
			text := []rune(s)
			for pos := range len(text) + 1 {
				if startsOnly && (pos == len(text) || !c.start.may(text, pos)) {
					continue
				}
				if msg := compare(c, text, pos); msg != "" {
					t.Errorf("%s %q at %d of %q: %s", c.lexer, c.pattern, pos, s, msg)
					if failures++; failures > 20 {
						t.Fatal("too many differences")
					}
				}
			}
		}
	}
}

// compare says how the matcher and regexp2 differ on text at pos, "" when
// they agree.
func compare(c ruleCase, text []rune, pos int) string {
	end, ok, known := c.match.match(text, pos)
	if !known {
		return "" // regexp2 decides
	}
	m, err := c.re.FindRunesMatchStartingAt(text, pos)
	if err != nil {
		return "" // regexp2 timed out: nothing to compare with
	}
	want := m != nil && m.RuneIndex == pos
	switch {
	case ok != want:
		return "matcher says match=" + strconv.FormatBool(ok) + ", regexp2 " + strconv.FormatBool(want)
	case ok && end != pos+m.RuneLength:
		return "matcher ends at " + strconv.Itoa(end) + ", regexp2 at " + strconv.Itoa(pos+m.RuneLength)
	}
	return ""
}

// FuzzMatcher: on any text, the matchers of the languages of most code on
// docs pages agree with regexp2 at every position.
func FuzzMatcher(f *testing.F) {
	for _, s := range matchTexts {
		f.Add(s)
	}
	cases := ruleCases(f, "javascript", "json", "bash")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 128 {
			return
		}
		checkCases(t, cases, []string{s}, false)
	})
}

// TestMatcherBudget: a pattern that backtracks exponentially gives up
// (known false) instead of running on; regexp2 then decides.
func TestMatcherBudget(t *testing.T) {
	m := parseMatcher(`\G(?:(a|aa)+c)`)
	if m == nil {
		t.Fatal("no matcher")
	}
	text := []rune(strings.Repeat("a", 60))
	if _, _, known := m.match(text, 0); known {
		t.Error("an exponential backtrack finished within the budget: the budget does not hold")
	}
	if end, ok, known := m.match([]rune("aaac"), 0); !known || !ok || end != 4 {
		t.Errorf("(a|aa)+c on aaac = %d, %v, %v; want 4, true, true", end, ok, known)
	}
}

// TestMatcherRefuses: patterns with what the matcher does not run have
// none (regexp2 runs them).
func TestMatcherRefuses(t *testing.T) {
	for _, p := range []string{
		`\G(?:(a)\1)`,            // backreference
		`\G(?:(?<=a)b)`,          // lookbehind
		`\G(?:(?(1)a|b))`,        // conditional
		`\G(?:(a*)*)`,            // a loop of what can match nothing
		`\G(?:(?<y>b)(?<x-y>a))`, // balancing group
	} {
		if parseMatcher(p) != nil {
			t.Errorf("%s has a matcher", p)
		}
	}
}

// TestMatcherLazyStopsEarly: a lazy loop tries the fewest characters first
// and reads one more at a time, not the longest run first: ".*?" before a
// closing quote, at the start of a long text, visits a few nodes (the
// longest-first version read the whole text at every position, ten times
// slower than regexp2 on a line of quotes).
func TestMatcherLazyStopsEarly(t *testing.T) {
	m := parseMatcher(`\G(?s)(?:'.*?')`)
	if m == nil {
		t.Fatal("no matcher")
	}
	text := []rune("''" + strings.Repeat("x'", 5000))
	r := run{text: text}
	end := -1
	if !r.node(m.root, 0, func(p int) bool { end = p; return true }) || end != 2 {
		t.Fatalf("'.*?' on %q… = %d, want 2", string(text[:10]), end)
	}
	if r.steps > 16 {
		t.Errorf("%d nodes visited for a match of two characters", r.steps)
	}
}
