package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/internal/webtest"
)

// TestBrowserWidgets drives the order desk of testdata/widgets, whose
// widgets call module code, with real clicks and keys (issue 15): tabs, a
// table (search, pages, a row selected), a modal that module code opens
// with showModal and closes with closeModal, a form in it (an input, a
// date picker typed into, a file picker given a file, a form button that
// saves and resets), Escape, and a list repeating its widgets for each
// item. It checks the DOM and appsmith.store, which the module writes.
func TestBrowserWidgets(t *testing.T) {
	srv := webtest.Serve(t, buildDir(t, "testdata/widgets"), webtest.Options{Header: strictCSP})
	b := newBrowser(t)
	// Dates are ISO strings of the day's start where the browser is.
	if _, err := chromedp.Call(b.ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "UTC"}); err != nil {
		t.Fatal(err)
	}
	b.do(t,
		chromedp.Navigate(srv.URL+"/apps/admin/index.html?mock=1"),
		chromedp.WaitVisible(chromedp.CSS(`[data-modc-app][data-modc-state=ready]`)),
	)
	store := func() map[string]any {
		t.Helper()
		var m map[string]any
		if err := json.Unmarshal([]byte(b.text(t, "Store")), &m); err != nil {
			t.Fatalf("Store: %v", err)
		}
		return m
	}
	waitStore := func(key, want string) {
		t.Helper()
		b.waitText(t, "Store", func(string) bool { v, _ := json.Marshal(store()[key]); return string(v) == want }, "want store."+key+" = "+want)
	}
	rows := func() []string {
		return eval[[]string](t, b, `[...document.querySelectorAll('[data-widget=Orders] tbody tr')].map(r => r.innerText.replace(/\t/g, "|"))`)
	}
	dialogOpen := func() bool { return eval[bool](t, b, `document.querySelector('[data-widget=Editor] dialog').open`) }

	// Tabs: Orders shows, Cards does not.
	if got := eval[string](t, b, `[...document.querySelectorAll('[data-widget=Views] [role=tab]')].map(t => t.textContent + "=" + t.getAttribute("aria-selected")).join(" ")`); got != "Orders=true Cards=false" {
		t.Errorf("tabs %q", got)
	}
	if dialogOpen() {
		t.Fatal("the modal is open before showModal")
	}

	// The table: three rows a page; the next page; a search.
	if got := rows(); len(got) != 3 || got[0] != "1|Ada Lovelace|120" {
		t.Errorf("page 1 rows %q", got)
	}
	b.click(t, `[data-widget=Orders] button[aria-label="Next page"]`)
	b.waitText(t, "Status", func(s string) bool { return strings.HasPrefix(s, "page 2, 8 found") }, "want page 2")
	waitStore("page", "2")
	if got := rows(); len(got) != 3 || got[0] != "4|Edsger Dijkstra|77" {
		t.Errorf("page 2 rows %q", got)
	}
	b.click(t, `[data-widget=Orders] input[type=search]`)
	b.do(t, browsertest.Type("ar"))
	b.waitText(t, "Status", func(s string) bool { return strings.HasPrefix(s, "page 1, 2 found") }, "want 2 found for ar")
	waitStore("search", `"ar"`)
	if got := rows(); len(got) != 2 || got[1] != "7|Margaret Hamilton|99" {
		t.Errorf("rows found for ar %q", got)
	}

	// Selecting a row runs module code that opens the modal on it.
	b.click(t, `[data-widget=Orders] tbody tr:nth-child(2)`)
	b.waitFor(t, dialogOpen, "selecting a row did not open the modal")
	b.waitText(t, "Status", func(s string) bool { return strings.HasSuffix(s, "row 6: Margaret Hamilton") }, "want Margaret Hamilton selected")
	if got := eval[string](t, b, `document.querySelector('[data-widget=Customer] input').value`); got != "Margaret Hamilton" {
		t.Errorf("Customer holds %q", got)
	}
	b.waitText(t, "Changed", func(s string) bool { return s == "changed false" }, "a fresh form has no changes")
	if got := eval[string](t, b, `document.querySelector('[data-widget=Due] input').value`); got != "2026-01-11" {
		t.Errorf("Due holds %q", got)
	}

	// Clearing the required input disables Save; typing enables it.
	b.click(t, `[data-widget=Customer] input`)
	b.do(t, browsertest.Press("a", chromedp.ModifierCtrl), browsertest.Press(kb.Backspace))
	b.waitFor(t, func() bool { return eval[bool](t, b, `document.querySelector('[data-widget=Save] button').disabled`) }, "Save is enabled with no customer")
	b.do(t, browsertest.Type("Hedy Lamarr"))
	b.waitText(t, "Changed", func(s string) bool { return s == "changed true" }, "want changes")

	// The date: Tab from the customer to the date field's month, then
	// month, day and year typed (Chromium's en-US date field).
	b.do(t, browsertest.Press(kb.Tab), browsertest.Type("03152026"))
	if got := eval[string](t, b, `document.activeElement.closest('[data-widget]').dataset.widget`); got != "Due" {
		t.Errorf("Tab from Customer went to %s, want Due", got)
	}

	// The file, as a file chooser would give it.
	file := filepath.Join(t.TempDir(), "note.txt")
	if err := os.WriteFile(file, []byte("deliver <b>fast</b>"), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do(t, chromedp.SetUploadFiles(chromedp.CSS(`[data-widget=Attachment] input[type=file]`), []string{file}))
	b.waitText(t, "Attachment", func(s string) bool { return strings.Contains(s, "note.txt (19 bytes)") }, "want the file listed")

	b.click(t, `[data-widget=Save] button`)
	b.waitFor(t, func() bool { return !dialogOpen() }, "Save did not close the modal")
	waitStore("saved", `{"Attachment":[{"data":"deliver \u003cb\u003efast\u003c/b\u003e","dataFormat":"Text","id":"0","name":"note.txt","size":19,"type":"text/plain"}],"Customer":"Hedy Lamarr","Due":"2026-03-15T00:00:00.000Z","due":"15/03/2026","file":["note.txt:text/plain:19:deliver \u003cb\u003efast\u003c/b\u003e"]}`)
	// resetFormOnClick: the form is back to its defaults, the file gone.
	if got := eval[string](t, b, `document.querySelector('[data-widget=Customer] input').value + "|" + document.querySelector('[data-widget=Attachment] input').value`); got != "Margaret Hamilton|" {
		t.Errorf("after Save the form holds %q", got)
	}
	b.waitText(t, "Changed", func(s string) bool { return s == "changed false" }, "a reset form has no changes")
	if _, ok := store()["closed"]; ok {
		t.Errorf("closeModal from code ran onClose")
	}

	// Keyboard: a row selected with Enter opens the modal again, Escape closes it (onClose).
	b.do(t, chromedp.Focus(chromedp.CSS(`[data-widget=Orders] tbody tr:nth-child(1)`)), browsertest.Press(kb.Enter))
	b.waitFor(t, dialogOpen, "Enter on a row did not open the modal")
	b.waitText(t, "Status", func(s string) bool { return strings.HasSuffix(s, "row 4: Barbara Liskov") }, "want Barbara Liskov selected")
	if got := eval[string](t, b, `document.activeElement.closest('[data-widget]')?.dataset.widget`); got != "Editor" && got != "Customer" {
		t.Errorf("the open modal does not have the focus: %s", got)
	}
	b.do(t, browsertest.Press(kb.Escape))
	b.waitFor(t, func() bool { return !dialogOpen() }, "Escape did not close the modal")
	waitStore("closed", "2")

	// The icon button resets the table from module code: no search, page 1.
	b.click(t, `[data-widget=Clear] button[aria-label="Clear the search"]`)
	b.waitText(t, "Status", func(s string) bool { return s == "page 1, 8 found, row -1:" }, "want the table reset")

	// Tabs: Cards shows the list, its items repeat the template.
	b.click(t, `[data-widget=Views] [role=tab]:nth-child(2)`)
	waitStore("tab", `"Cards"`)
	if !eval[bool](t, b, `document.querySelector('[data-widget=OrdersTab]').classList.contains('modc-tab-hidden') && !document.querySelector('[data-widget=CardsTab]').classList.contains('modc-tab-hidden')`) {
		t.Errorf("the Cards tab does not show alone")
	}
	items := eval[[]string](t, b, `[...document.querySelectorAll('[data-widget=Cards] [role=listitem]')].map(e => e.innerText.replace(/\n/g, "|"))`)
	if len(items) != 4 || items[2] != "3. Alan Turing|Pick 3" {
		t.Errorf("list items %q", items)
	}
	b.click(t, `[data-widget=Cards] [role=listitem]:nth-child(3) button`)
	waitStore("picked", `"2:Alan Turing"`)
	b.waitText(t, "Triggered", func(s string) bool { return s == "triggered Alan Turing" }, "want the triggered item")
	// Arrow keys move between tabs.
	b.do(t, chromedp.Focus(chromedp.CSS(`[data-widget=Views] [role=tab]:nth-child(2)`)), browsertest.Press(kb.ArrowLeft))
	waitStore("tab", `"Orders"`)

	// A switch, clicked and then toggled with Space.
	b.click(t, `[data-widget=Urgent] input[role=switch]`)
	waitStore("urgent", "true")
	b.do(t, browsertest.Press(" "))
	waitStore("urgent", "false")
	// A radio group: a click on a label, then an arrow key.
	b.click(t, `[data-widget=Ship] label:nth-child(2)`)
	waitStore("ship", `"courier"`)
	b.do(t, browsertest.Press(kb.ArrowUp))
	waitStore("ship", `"post"`)
	if got := eval[string](t, b, `document.querySelector('[data-widget=Ship] legend').textContent`); got != "Shipping" {
		t.Errorf("the radio group's legend is %q", got)
	}
	// A multi-select: its default, then one more option.
	b.click(t, `[data-widget=Tags] label:nth-child(2) input`)
	waitStore("tags", `["gift","fragile"]`)
	// A menu button: the menu opens on its first item, ArrowDown moves
	// past the hidden one, Enter runs the item's onClick.
	b.click(t, `[data-widget=More] button[aria-haspopup=menu]`)
	if got := eval[string](t, b, `[...document.querySelectorAll('[data-widget=More] [role=menuitem]')].map(e => e.textContent).join(",") + " " + document.activeElement.textContent`); got != "Export,Archive Export" {
		t.Errorf("menu items and focus: %q", got)
	}
	b.do(t, browsertest.Press(kb.ArrowDown), browsertest.Press(kb.Enter))
	waitStore("menu", `"archive Post"`)
	if !eval[bool](t, b, `document.querySelector('[data-widget=More] [role=menu]').hidden`) {
		t.Errorf("the menu stays open after a choice")
	}
	if got := eval[string](t, b, `document.querySelector('[data-widget=Rule] hr').getAttribute('aria-orientation')`); got != "horizontal" {
		t.Errorf("divider orientation %q", got)
	}

	b.checkProblems(t)
	b.checkErrors(t)
	checkCSP(t, b)
}
