package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// vocabulary is what the prose of generated pages is made of.
var vocabulary = strings.Fields(`module query binding widget token session cache
	request response store input output package release version tag bundle page
	app user item price order invoice customer report chart table form button
	modal filter search result error retry limit timeout header payload schema field
	value list record account project team role permission event queue worker job
	status state config option default preview draft publish review deploy build
	check test example mock data source target path route link anchor section`)

// verbs start the generated headings and list items.
var verbs = strings.Fields(`Loading Saving Formatting Validating Caching Filtering
	Sorting Binding Publishing Reviewing Testing Mocking Paging Refreshing Exporting
	Importing Tagging Versioning Embedding Configuring`)

// pageRand is the random source of page n: the same for a seed and n
// whatever the workspace's size.
func pageRand(seed uint64, n int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15^uint64(n)))
}

// pageTitle is the title of page n (without its number).
func pageTitle(seed uint64, n int) string {
	r := pageRand(seed, n)
	return pick(r, verbs) + " " + pick(r, vocabulary) + "s"
}

func pick(r *rand.Rand, words []string) string { return words[r.IntN(len(words))] }

// pageFile is the file name of page n under content/pages/.
func pageFile(n int) string { return fmt.Sprintf("page-%04d.md", n) }

// pageText is the markdown of content page n of total: front matter,
// headings, prose with emphasis, inline code and links to other pages
// (some to their #usage heading, which every page has), lists, a table
// and code blocks, about 3–5 KB, as a hand-written docs page is.
func pageText(seed uint64, n, total int) string {
	title := fmt.Sprintf("%s (%d)", pageTitle(seed, n), n)
	r := pageRand(seed^0x5bd1e995, n) // a stream apart from the title's
	var b strings.Builder
	link := func() string {
		k := r.IntN(total)
		if r.IntN(3) == 0 {
			return fmt.Sprintf("[how page %d is used](%s#usage)", k, pageFile(k))
		}
		return fmt.Sprintf("[%s](%s)", pageTitle(seed, k), pageFile(k))
	}
	sentence := func() string {
		words := make([]string, 6+r.IntN(10))
		for i := range words {
			words[i] = pick(r, vocabulary)
		}
		switch r.IntN(6) {
		case 0:
			words[1] = "**" + words[1] + "**"
		case 1:
			words[2] = "_" + words[2] + "_"
		case 2:
			words[3] = "`" + words[3] + "()`"
		case 3:
			words[len(words)-1] += " (see " + link() + ")"
		case 4:
			words[len(words)-1] += " (read the [reference](https://example.com/docs/" + words[0] + "))"
		}
		s := strings.Join(words, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	paragraph := func() {
		for i := 2 + r.IntN(4); i > 0; i-- {
			b.WriteString(sentence())
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
	}
	heading := func(level string) {
		fmt.Fprintf(&b, "%s %s %s\n\n", level, pick(r, verbs), pick(r, vocabulary)+"s")
	}

	fmt.Fprintf(&b, "---\ntitle: %q\nweight: %d\n---\n\n# %s\n\n", title, n+1, title) // Hugo takes weight 0 as none
	paragraph()
	b.WriteString("## Usage\n\n")
	paragraph()
	fmt.Fprintf(&b, "```js\nconst item = await Module_%d.load(%d);\nif (item.price > %d) {\n  showAlert(\"loaded \" + item.name, \"info\");\n}\nawait storeValue(\"last\", item.id);\n```\n\n", n, r.IntN(1000), r.IntN(100))
	for s := 2 + r.IntN(3); s > 0; s-- {
		heading("##")
		paragraph()
		switch r.IntN(4) {
		case 0:
			for i := 3 + r.IntN(4); i > 0; i-- {
				fmt.Fprintf(&b, "- %s %s: %s\n", pick(r, verbs), pick(r, vocabulary), link())
			}
			b.WriteString("\n")
		case 1:
			items := 3 + r.IntN(3)
			for i := 1; i <= items; i++ {
				fmt.Fprintf(&b, "%d. %s\n", i, sentence())
			}
			b.WriteString("\n")
		case 2:
			b.WriteString("| name | type | default | description |\n| --- | --- | --- | --- |\n")
			for i := 3 + r.IntN(4); i > 0; i-- {
				fmt.Fprintf(&b, "| `%s` | %s | `%d` | %s |\n", pick(r, vocabulary), pick(r, []string{"number", "string", "boolean", "object"}), r.IntN(100), sentence())
			}
			b.WriteString("\n")
		default:
			fmt.Fprintf(&b, "```json\n{\n  \"%s\": %d,\n  \"%s\": \"%s\",\n  \"enabled\": %t\n}\n```\n\n", pick(r, vocabulary), r.IntN(1000), pick(r, vocabulary), pick(r, vocabulary), r.IntN(2) == 0)
		}
		if r.IntN(2) == 0 {
			heading("###")
			paragraph()
			fmt.Fprintf(&b, "```bash\nmodc check && modc build --out dist/%s\n```\n\n", pick(r, vocabulary))
		}
	}
	b.WriteString("## See also\n\n")
	for i := 2 + r.IntN(3); i > 0; i-- {
		fmt.Fprintf(&b, "- %s\n", link())
	}
	return b.String()
}
